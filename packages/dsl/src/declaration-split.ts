// Splits a file's tokens into one slice per top-level declaration, so that a syntax error
// in one declaration (a missing `}` above all) cannot swallow the declarations after it.
// Every keyword is contextual, so a declaration keyword only starts a declaration where it
// cannot be a name: the splitter tracks bracket depth and the token before each keyword.

import type { IToken, TokenType } from "chevrotain";
import {
  Amp,
  Arrow,
  Bang,
  Colon,
  Dot,
  Equals,
  Ident,
  K,
  LAngle,
  LBrace,
  LParen,
  Pipe,
  Question,
  RAngle,
  RBrace,
  RParen,
  Semicolon,
  Star,
  StringLiteral,
} from "./lexer.js";
import type { LineIndex } from "./span.js";

export interface DeclarationSlice {
  readonly tokens: IToken[];
  /** The first token of the next slice: what a parse error at this slice's end "found". */
  readonly next?: IToken;
  /** Brackets left open at the end of the slice, outermost first (a missing `}` and friends). */
  readonly unclosed: readonly IToken[];
}

const idx = (t: TokenType): number => t.tokenTypeIdx as number;

const DECL_KEYWORDS = new Set(
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
  ].map(idx),
);

/**
 * After these tokens a word is a name (a type, an op reference, a topic…), never a keyword.
 * Opening brackets are not listed: after one the depth is above zero, and inside an unclosed
 * bracket only a full declaration head at the start of a line is taken as a declaration.
 */
const NAME_PRECEDERS = new Set(
  [Dot, Colon, Equals, Star, Semicolon, Amp, Arrow, Bang, Pipe, Question].map(idx),
);
/** `on` and `by` precede a name too, unless they are a name themselves (`topic on on bus`). */
const ON = idx(K.on);
const BY = idx(K.by);

const OPENERS = new Set([LBrace, LParen, LAngle].map(idx));
const CLOSERS = new Set([RBrace, RParen, RAngle].map(idx));

type Shape = readonly ("name" | TokenType | readonly TokenType[])[];

/**
 * How each declaration begins. Inside an unclosed block a declaration keyword starts a new
 * declaration only when it is first on its line, in column 1, and the tokens after it on the
 * same line have this shape, so a member named `service` or `type` is never mistaken for one.
 */
const HEADS = new Map<number, Shape>([
  [idx(K.import), [StringLiteral]],
  [idx(K.system), ["name", [StringLiteral, LBrace]]],
  [idx(K.type), ["name", [Equals, LBrace]]],
  [idx(K.enum), ["name", [LBrace]]],
  [idx(K.store), ["name", [Colon]]],
  [idx(K.broker), ["name", [Colon]]],
  [idx(K.topic), ["name", [K.on, LBrace]]],
  [idx(K.event), ["name", [Colon]]],
  [idx(K.service), ["name", [StringLiteral, LBrace]]],
  [idx(K.flow), ["name", [Colon, Equals]]],
  [idx(K.saga), ["name", [LParen]]],
  [idx(K.gateway), ["name", [LBrace]]],
  [idx(K.deploy), ["name", [LBrace]]],
  [idx(K.rules), [LBrace]],
]);

function isName(t: IToken): boolean {
  return t.tokenType === Ident || (t.tokenType.CATEGORIES?.includes(Ident) ?? false);
}

function matchesHead(tokens: readonly IToken[], at: number, lines: LineIndex): boolean {
  const shape = HEADS.get(tokens[at].tokenTypeIdx);
  if (!shape) return false;
  const line = lines.lineOf(tokens[at].startOffset);
  for (let k = 0; k < shape.length; k++) {
    const t = tokens[at + 1 + k];
    if (!t || lines.lineOf(t.startOffset) !== line) return false;
    const want = shape[k];
    if (want === "name") {
      if (!isName(t)) return false;
    } else if (Array.isArray(want)) {
      if (!want.some((w: TokenType) => w.tokenTypeIdx === t.tokenTypeIdx)) return false;
    } else if ((want as TokenType).tokenTypeIdx !== t.tokenTypeIdx) return false;
  }
  return true;
}

export function splitDeclarations(tokens: IToken[], lines: LineIndex): DeclarationSlice[] {
  const starts: number[] = [0];
  const unclosedAt: IToken[][] = [];
  const open: IToken[] = [];
  // Whether the current token stands where a name is expected: after a declaration keyword
  // that started a declaration (`service store { }`), after punctuation such as `.` or `:`,
  // or after `on`/`by` when those are keywords rather than names themselves.
  let namePosition = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const ti = t.tokenTypeIdx;
    const isName: boolean = namePosition;
    let startsDecl = false;
    if (DECL_KEYWORDS.has(ti) && !isName) {
      if (i === 0) startsDecl = true;
      else if (open.length === 0) startsDecl = true;
      else {
        const prev = tokens[i - 1];
        const line = lines.lineOf(t.startOffset);
        const firstOnLine = lines.lineOf(prev.startOffset + prev.image.length) < line;
        startsDecl = firstOnLine && lines.colOf(t.startOffset, line) === 1 && matchesHead(tokens, i, lines);
      }
      if (startsDecl && i > 0) {
        unclosedAt.push([...open]);
        open.length = 0;
        starts.push(i);
      }
    }
    namePosition = startsDecl || NAME_PRECEDERS.has(ti) || (!isName && (ti === ON || ti === BY));
    if (OPENERS.has(ti)) open.push(t);
    else if (CLOSERS.has(ti) && open.length > 0) open.pop();
  }
  unclosedAt.push(open);
  const slices: DeclarationSlice[] = [];
  for (let s = 0; s < starts.length; s++) {
    const from = starts[s];
    const to = s + 1 < starts.length ? starts[s + 1] : tokens.length;
    if (to <= from) continue;
    slices.push({ tokens: tokens.slice(from, to), next: tokens[to], unclosed: unclosedAt[s] });
  }
  return slices;
}
