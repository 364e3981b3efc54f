// One file's text to its AST: lex, collect comments and doc comments, guard nesting depth,
// parse with recovery. Never throws; every problem is a diagnostic.

import type { ILexingError, IToken } from "chevrotain";
import type { Comment, SourceFileAst } from "./ast.js";
import type { Diagnostic } from "./diagnostic.js";
import {
  archLexer,
  BadQuantity,
  BlockComment,
  DocComment,
  K,
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
  const lines = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const lexed = archLexer.tokenize(text);
  for (const e of lexed.errors) diagnostics.push(lexError(file, lines, e));

  const comments: Comment[] = [];
  for (const t of (lexed.groups.comments ?? []) as IToken[]) {
    comments.push(commentOf(file, t, diagnostics));
  }
  const tokens = normaliseTokens(file, lexed.tokens, diagnostics);
  const docs = collectDocs(lexed.groups.comments ?? [], tokens);
  const guarded = guardNesting(file, tokens, diagnostics);

  let decls: SourceFileAst["decls"] = [];
  let imports: SourceFileAst["imports"] = [];
  try {
    const parsed = parser().parseTokens(file, guarded, docs);
    decls = parsed.decls;
    imports = parsed.imports;
    diagnostics.push(...parsed.diagnostics);
  } catch (err) {
    // Stack exhaustion or an internal fault: report it rather than crash the caller.
    const at = guarded[0];
    diagnostics.push({
      code: "E0112",
      severity: "error",
      message: `the file could not be parsed: ${err instanceof RangeError ? "it nests too deeply" : String(err)}`,
      span: at ? tokenSpan(file, at) : lines.span(file, 0, 0),
      related: [],
    });
  }
  const ast: SourceFileAst = {
    kind: "File",
    path: file,
    imports,
    decls,
    comments,
    span: lines.span(file, 0, text.length),
  };
  return { ast, diagnostics: dedupe(diagnostics) };
}

function tokenSpan(file: string, t: IToken): Span {
  return {
    file,
    start: t.startOffset,
    end: (t.endOffset ?? t.startOffset) + 1,
    line: t.startLine ?? 1,
    col: t.startColumn ?? 1,
    endLine: t.endLine ?? t.startLine ?? 1,
    endCol: (t.endColumn ?? t.startColumn ?? 1) + 1,
  };
}

function lexError(file: string, lines: LineIndex, e: ILexingError): Diagnostic {
  const ch = lines.text.slice(e.offset, e.offset + e.length);
  const shown = ch.length > 20 ? `${ch.slice(0, 20)}…` : ch;
  return {
    code: "E0101",
    severity: "error",
    message: `unexpected character${e.length > 1 ? "s" : ""} \`${printable(shown)}\``,
    span: lines.span(file, e.offset, e.offset + e.length),
    related: [],
    help: 'names are letters, digits, `_` and inner `-`; strings are quoted with `"`',
  };
}

function printable(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: showing control characters escaped is the point
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

function commentOf(file: string, t: IToken, diagnostics: Diagnostic[]): Comment {
  const span = tokenSpan(file, t);
  if (t.tokenType === UnterminatedBlockComment) {
    diagnostics.push({
      code: "E0104",
      severity: "error",
      message: "block comment is never closed",
      span: { ...span, end: span.start + 2, endLine: span.line, endCol: span.col + 2 },
      related: [],
      help: "close it with `*/`",
    });
    return { kind: "Comment", style: "block", text: `${t.image}*/`, span };
  }
  const style = t.tokenType === DocComment ? "doc" : t.tokenType === BlockComment ? "block" : "line";
  return { kind: "Comment", style, text: t.image, span };
}

/** Turns error tokens into ordinary ones (after reporting them) so parsing continues. */
function normaliseTokens(file: string, tokens: IToken[], diagnostics: Diagnostic[]): IToken[] {
  for (const t of tokens) {
    if (t.tokenType === UnterminatedString) {
      diagnostics.push({
        code: "E0102",
        severity: "error",
        message: "string is not closed on its line",
        span: tokenSpan(file, t),
        related: [],
        help: 'add the closing `"`; strings cannot span lines (write `\\n`)',
      });
      t.tokenType = StringLiteral;
      t.tokenTypeIdx = StringLiteral.tokenTypeIdx as number;
    } else if (t.tokenType === BadQuantity) {
      diagnostics.push({
        code: "E0105",
        severity: "error",
        message: `\`${t.image}\` is a number with an unknown unit`,
        span: tokenSpan(file, t),
        related: [],
        help: "units: ms s m h d (durations), Ki Mi Gi Ti K M G T (sizes), % (percentages), /s /min /hour /day (rates)",
      });
      t.tokenType = QuantityLiteral;
      t.tokenTypeIdx = QuantityLiteral.tokenTypeIdx as number;
    }
  }
  return tokens;
}

/** Maps the start offset of the token after each run of `///` comments to the run's text. */
function collectDocs(comments: IToken[], tokens: IToken[]): Map<number, string> {
  const docs = new Map<number, string>();
  let run: string[] = [];
  let runEnd = -1;
  let ti = 0;
  const flush = (nextCommentStart: number) => {
    if (run.length === 0) return;
    while (ti < tokens.length && tokens[ti].startOffset < runEnd) ti++;
    const next = tokens[ti];
    if (next && next.startOffset < nextCommentStart) docs.set(next.startOffset, run.join("\n"));
    else if (next && nextCommentStart === Number.POSITIVE_INFINITY)
      docs.set(next.startOffset, run.join("\n"));
    run = [];
  };
  for (let i = 0; i < comments.length; i++) {
    const c = comments[i];
    if (c.tokenType !== DocComment) continue;
    // A run continues while no ordinary token lies between two doc comments.
    if (run.length > 0) {
      while (ti < tokens.length && tokens[ti].startOffset < runEnd) ti++;
      const between = tokens[ti] && tokens[ti].startOffset < c.startOffset;
      if (between) flush(c.startOffset);
    }
    run.push(c.image.slice(3).replace(/^ /, "").trimEnd());
    runEnd = c.endOffset ?? c.startOffset;
    const following = comments.slice(i + 1).find((x) => x.tokenType === DocComment);
    if (!following) flush(Number.POSITIVE_INFINITY);
  }
  return docs;
}

const OPENERS = new Set([LBrace.tokenTypeIdx, LParen.tokenTypeIdx, LAngle.tokenTypeIdx]);
const CLOSERS = new Set([RBrace.tokenTypeIdx, RParen.tokenTypeIdx, RAngle.tokenTypeIdx]);
const DECL_STARTS = new Set(
  [
    K.import,
    K.system,
    K.type,
    K.enum,
    K.store,
    K.broker,
    K.topic,
    K.event,
    K.service,
    K.flow,
    K.saga,
    K.gateway,
    K.deploy,
    K.rules,
  ].map((t) => t.tokenTypeIdx),
);

/**
 * Drops every top-level declaration that nests deeper than MAX_NESTING (reporting each once),
 * so the recursive-descent parser never meets pathological depth.
 */
function guardNesting(file: string, tokens: IToken[], diagnostics: Diagnostic[]): IToken[] {
  let depth = 0;
  let declStart = 0;
  let tooDeep = false;
  const drops: [number, number][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const idx = tokens[i].tokenTypeIdx;
    if (depth === 0 && DECL_STARTS.has(idx)) {
      if (tooDeep) {
        drops.push([declStart, i]);
        tooDeep = false;
      }
      declStart = i;
    }
    if (OPENERS.has(idx)) {
      depth++;
      if (depth > MAX_NESTING && !tooDeep) {
        tooDeep = true;
        diagnostics.push({
          code: "E0112",
          severity: "error",
          message: `nesting deeper than ${MAX_NESTING} levels; this declaration is skipped`,
          span: tokenSpan(file, tokens[i]),
          related: [],
          help: "flatten the expression: `;`, `&` and `*` chains need no parentheses",
        });
      }
    } else if (CLOSERS.has(idx) && depth > 0) depth--;
  }
  if (tooDeep) drops.push([declStart, tokens.length]);
  if (drops.length === 0) return tokens;
  const kept: IToken[] = [];
  let d = 0;
  for (let i = 0; i < tokens.length; i++) {
    while (d < drops.length && i >= drops[d][1]) d++;
    if (d < drops.length && i >= drops[d][0]) continue;
    kept.push(tokens[i]);
  }
  return kept;
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
