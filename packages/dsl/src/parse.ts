// One file's text to its AST: lex, collect comments and doc comments, guard nesting depth,
// parse with recovery. Never throws; every problem is a diagnostic.
//
// Two paths give the same result: a fast hand-written parser for well-formed files (fast/),
// which gives up on anything the chevrotain parser would report, and the chevrotain parser,
// which handles everything else with its diagnostics and recovery (see fast/README.md).

import type { ILexingError, IToken, TokenType } from "chevrotain";
import type * as A from "./ast.js";
import type { Comment, SourceFileAst } from "./ast.js";
import { type DeclarationSlice, splitDeclarations } from "./declaration-split.js";
import { compareDiagnostics, type Diagnostic } from "./diagnostic.js";
import {
  tokenizeOffsets,
  BadQuantity,
  BlockComment,
  DocComment,
  LAngle,
  LBrace,
  LParen,
  QuantityLiteral,
  RAngle,
  RBrace,
  RParen,
  StringLiteral,
  UnterminatedBlockComment,
  UnterminatedString,
} from "./lexer.js";
import { parseWellFormed } from "./fast/parse-well-formed.js";
import { type ParsedBefore, reparseEdit } from "./fast/reparse-edit.js";
import { ArchParser } from "./parser.js";
import { LineIndex, type Span } from "./span.js";

/** Deeper nesting than this is refused (E0112) rather than risking the stack. */
export const MAX_NESTING = 256;

let sharedParser: ArchParser | undefined;

/** The one parser instance (chevrotain parsers are expensive to build and reusable). */
function parser(): ArchParser {
  sharedParser ??= new ArchParser();
  return sharedParser;
}

export interface ParseResult {
  readonly ast: SourceFileAst;
  readonly diagnostics: readonly Diagnostic[];
}

export function parseSource(file: string, text: string): ParseResult {
  let fast: ParseResult | undefined;
  try {
    fast = parseWellFormed(file, text, MAX_NESTING);
  } catch {
    fast = undefined; // a fault of the fast path must not cost a result: the chevrotain path decides
  }
  return fast ?? parseSourceChevrotain(file, text);
}

/**
 * The parse of `text`, a new version of a file whose previous text parsed without any
 * diagnostic, re-parsing only the declaration an edit lies in (fast/reparse-edit.ts): the same
 * result as `parseSource`, with the declarations before the edit kept as the same objects.
 */
export function reparseSource(before: ParsedBefore, text: string): ParseResult {
  let ast: SourceFileAst | undefined;
  try {
    ast = reparseEdit(before, text, MAX_NESTING);
  } catch {
    ast = undefined; // a fault of the shortcut must not cost a result: the full parse decides
  }
  return ast !== undefined ? { ast, diagnostics: [] } : parseSource(before.file, text);
}

/** The fast path alone: the result for a well-formed file, or undefined (for tests and benchmarks). */
export function parseSourceFast(file: string, text: string): ParseResult | undefined {
  return parseWellFormed(file, text, MAX_NESTING);
}

/** The chevrotain path alone: what parseSource gives for any text (for tests and benchmarks). */
export function parseSourceChevrotain(file: string, text: string): ParseResult {
  const lines = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const lexed = tokenizeOffsets(text);
  for (const e of lexed.errors) diagnostics.push(lexError(file, lines, e));

  const comments: Comment[] = [];
  for (const t of (lexed.groups.comments ?? []) as IToken[]) {
    comments.push(commentOf(file, lines, t, diagnostics));
  }
  const tokens = normaliseTokens(file, lines, lexed.tokens, diagnostics);
  const docs = collectDocs(lexed.groups.comments ?? [], tokens);
  // Fast path: a file without syntax errors parses in one go. Otherwise it is parsed again one
  // declaration at a time, so a broken declaration cannot take the next ones down with it
  // (for a file without syntax errors both give the same tree).
  const whole = withinNesting(tokens) ? parseWhole(file, lines, tokens, docs) : undefined;
  const clean = whole !== undefined && whole.syntaxErrors === 0;
  if (clean) diagnostics.push(...whole.diagnostics);
  const { decls, imports } = clean ? whole : parseByDeclaration(file, lines, tokens, docs, diagnostics);
  const ast: SourceFileAst = {
    kind: "File",
    path: file,
    imports,
    decls,
    comments,
    span: lines.span(file, 0, text.length),
  };
  return { ast, diagnostics: dedupe(diagnostics).sort(compareDiagnostics) };
}

function parseWhole(file: string, lines: LineIndex, tokens: IToken[], docs: Map<number, string>) {
  try {
    return parser().parseTokens(file, tokens, docs, lines);
  } catch {
    return undefined; // the declaration-by-declaration parse reports it
  }
}

function parseByDeclaration(
  file: string,
  lines: LineIndex,
  tokens: IToken[],
  docs: Map<number, string>,
  diagnostics: Diagnostic[],
): { decls: A.Decl[]; imports: A.ImportDecl[] } {
  const decls: A.Decl[] = [];
  const imports: A.ImportDecl[] = [];
  for (const slice of splitDeclarations(tokens, lines)) {
    if (tooDeep(file, lines, slice.tokens, diagnostics)) continue;
    try {
      const input = slice.unclosed.length > 0 ? closeBrackets(file, lines, slice, diagnostics) : slice.tokens;
      const parsed = parser().parseTokens(file, input, docs, lines, slice.next);
      decls.push(...parsed.decls);
      imports.push(...parsed.imports);
      // Errors at the zero-width closers are already reported by closeBrackets.
      const closersAt = input === slice.tokens ? -1 : input[input.length - 1].startOffset;
      for (const d of parsed.diagnostics) {
        if (!(d.code === "E0110" && d.span.start === closersAt && d.span.end === closersAt))
          diagnostics.push(d);
      }
    } catch (err) {
      // Stack exhaustion or an internal fault: report it rather than crash the caller.
      diagnostics.push({
        code: "E0112",
        severity: "error",
        message: `expected a declaration the parser can read, found ${err instanceof RangeError ? "one that nests too deeply" : `an internal error (${String(err)})`}`,
        span: tokenSpan(file, lines, slice.tokens[0]),
        related: [],
      });
    }
  }
  return { decls, imports };
}

function tokenSpan(file: string, lines: LineIndex, t: IToken): Span {
  return lines.span(file, t.startOffset, t.startOffset + t.image.length);
}

function lexError(file: string, lines: LineIndex, e: ILexingError): Diagnostic {
  const ch = lines.text.slice(e.offset, e.offset + e.length);
  const shown = ch.length > 20 ? `${ch.slice(0, 20)}…` : ch;
  return {
    code: "E0101",
    severity: "error",
    message: `expected a name, a number, a string or punctuation, found the unexpected character${e.length > 1 ? "s" : ""} \`${printable(shown)}\``,
    span: lines.span(file, e.offset, e.offset + e.length),
    related: [],
    help: 'names are letters, digits, `_` and inner `-`; strings are quoted with `"`',
  };
}

function printable(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: showing control characters escaped is the point
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

function commentOf(file: string, lines: LineIndex, t: IToken, diagnostics: Diagnostic[]): Comment {
  // From offsets: a comment can end with a newline, where the lexer's inclusive end column
  // and the exclusive span end disagree.
  const span = lines.span(file, t.startOffset, t.startOffset + t.image.length);
  if (t.tokenType === UnterminatedBlockComment) {
    diagnostics.push({
      code: "E0104",
      severity: "error",
      message: "expected `*/` to close this block comment, found the end of the file",
      span: lines.span(file, span.start, span.start + 2),
      related: [],
      help: "close it with `*/`",
    });
    return { kind: "Comment", style: "block", text: `${t.image}*/`, span };
  }
  const style = t.tokenType === DocComment ? "doc" : t.tokenType === BlockComment ? "block" : "line";
  return { kind: "Comment", style, text: t.image, span };
}

/** Turns error tokens into ordinary ones (after reporting them) so parsing continues. */
function normaliseTokens(
  file: string,
  lines: LineIndex,
  tokens: IToken[],
  diagnostics: Diagnostic[],
): IToken[] {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.tokenType === UnterminatedString) {
      diagnostics.push({
        code: "E0102",
        severity: "error",
        message: 'expected a closing `"` before the end of the line, found the end of the line',
        span: tokenSpan(file, lines, t),
        related: [],
        help: 'add the closing `"`; strings cannot span lines (write `\\n`)',
      });
      t.tokenType = StringLiteral;
      t.tokenTypeIdx = StringLiteral.tokenTypeIdx as number;
    } else if (t.tokenType === BadQuantity) {
      diagnostics.push({
        code: "E0105",
        severity: "error",
        message: `expected a number with a known unit, found \`${t.image}\``,
        span: tokenSpan(file, lines, t),
        related: [],
        help: "units: ms s m h d (durations), Ki Mi Gi Ti K M G T (sizes), % (percentages), /s /min /hour /day (rates)",
      });
      t.tokenType = QuantityLiteral;
      t.tokenTypeIdx = QuantityLiteral.tokenTypeIdx as number;
    }
  }
  return tokens;
}

/**
 * Maps the start offset of the token after each run of `///` comments to the run's text. A run
 * continues while no ordinary token lies between two doc comments. One linear pass: files with
 * thousands of documented declarations must not pay for rescanning.
 */
function collectDocs(comments: IToken[], tokens: IToken[]): Map<number, string> {
  const docs = new Map<number, string>();
  let run: string[] = [];
  let runEnd = -1;
  let ti = 0;
  const skipPastRun = () => {
    while (ti < tokens.length && tokens[ti].startOffset < runEnd) ti++;
  };
  const attach = () => {
    skipPastRun();
    if (ti < tokens.length) docs.set(tokens[ti].startOffset, run.join("\n"));
    run = [];
  };
  for (const c of comments) {
    if (c.tokenType !== DocComment) continue;
    if (run.length > 0) {
      skipPastRun();
      if (ti < tokens.length && tokens[ti].startOffset < c.startOffset) attach();
    }
    run.push(c.image.slice(3).replace(/^ /, "").trimEnd());
    runEnd = c.startOffset + c.image.length;
  }
  if (run.length > 0) attach();
  return docs;
}

const OPENERS = new Set([LBrace.tokenTypeIdx, LParen.tokenTypeIdx, LAngle.tokenTypeIdx]);
const CLOSERS = new Set([RBrace.tokenTypeIdx, RParen.tokenTypeIdx, RAngle.tokenTypeIdx]);

/** Whether no bracket in `tokens` nests deeper than MAX_NESTING. */
function withinNesting(tokens: IToken[]): boolean {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const idx = tokens[i].tokenTypeIdx;
    if (OPENERS.has(idx)) {
      if (++depth > MAX_NESTING) return false;
    } else if (CLOSERS.has(idx) && depth > 0) depth--;
  }
  return true;
}

/**
 * Whether a declaration nests deeper than MAX_NESTING (reported once); such a declaration is
 * skipped, so the recursive-descent parser never meets pathological depth.
 */
function tooDeep(file: string, lines: LineIndex, tokens: IToken[], diagnostics: Diagnostic[]): boolean {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const idx = t.tokenTypeIdx;
    if (OPENERS.has(idx)) {
      depth++;
      if (depth > MAX_NESTING) {
        diagnostics.push({
          code: "E0112",
          severity: "error",
          message: `expected at most ${MAX_NESTING} levels of nesting, found more; this declaration is skipped`,
          span: tokenSpan(file, lines, t),
          related: [],
          help: "flatten the expression: `;`, `&` and `*` chains need no parentheses",
        });
        return true;
      }
    } else if (CLOSERS.has(idx) && depth > 0) depth--;
  }
  return false;
}

const CLOSER_OF: Record<string, TokenType> = { "{": RBrace, "(": RParen, "<": RAngle };

/**
 * Reports the brackets a declaration leaves open and returns its tokens with zero-width
 * closers appended, so the parser keeps what was written instead of dropping the declaration.
 */
function closeBrackets(
  file: string,
  lines: LineIndex,
  slice: DeclarationSlice,
  diagnostics: Diagnostic[],
): IToken[] {
  const last = slice.tokens[slice.tokens.length - 1];
  const innermostFirst = [...slice.unclosed].reverse();
  const closers = innermostFirst.map((t) => CLOSER_OF[t.image]?.LABEL?.replace(/`/g, "") ?? "}");
  const openedOn = [...new Set(innermostFirst.map((t) => lines.lineOf(t.startOffset)))];
  const opened =
    innermostFirst.length === 1
      ? `the \`${innermostFirst[0].image}\` on line ${openedOn[0]}`
      : `the brackets opened on line${openedOn.length > 1 ? "s" : ""} ${openedOn.join(", ")}`;
  const found = slice.next
    ? `\`${slice.next.image}\` (the start of the next declaration)`
    : "the end of the file";
  diagnostics.push({
    code: "E0110",
    severity: "error",
    message: `expected \`${closers.join(" ")}\` to close ${opened}, found ${found}`,
    span: tokenSpan(file, lines, last),
    related: innermostFirst.map((t) => ({
      span: tokenSpan(file, lines, t),
      message: `this \`${t.image}\` is never closed`,
    })),
    help: `add \`${closers[0]}\` after the last line of this declaration`,
  });
  const end = last.startOffset + last.image.length;
  const virtual = innermostFirst.map((t): IToken => {
    const type = CLOSER_OF[t.image] ?? RBrace;
    return { image: "", startOffset: end, tokenType: type, tokenTypeIdx: type.tokenTypeIdx as number };
  });
  return [...slice.tokens, ...virtual];
}

function dedupe(diags: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of diags) {
    const key = `${d.code}:${d.span.start}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}
