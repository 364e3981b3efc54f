// The fast path's scanner: a cursor over .arch text that the parser pulls tokens from, one at a
// time, with no token objects. It reads exactly what lexer.ts reads (the same token rules, in the
// same order of preference) for text that lexes cleanly, and gives up (throws BAIL) on anything
// the chevrotain lexer would report or treat specially: a stray character, an unterminated
// string or block comment, a number glued to letters that are not a unit, nesting deeper than
// the limit. Line starts are recorded while scanning: the spans of one parse share that table
// (TextSpan) and work out their lines and columns from it when asked.

import type { Comment } from "../ast.js";
import { LineStarts, type Span, TextSpan } from "../span.js";
import { BAIL } from "./bail.js";

// Token kinds.
export const EOF = 0;
export const IDENT = 1;
export const STRING = 2;
export const QUANTITY = 3;
export const RANGE = 4;
export const ARROW = 5;
export const LBRACE = 6;
export const RBRACE = 7;
export const LPAREN = 8;
export const RPAREN = 9;
export const LANGLE = 10;
export const RANGLE = 11;
export const COMMA = 12;
export const COLON = 13;
export const EQUALS = 14;
export const SEMI = 15;
export const AMP = 16;
export const STAR = 17;
export const PIPE = 18;
export const BANG = 19;
export const DOT = 20;
export const QUESTION = 21;

// Character classes of ASCII codes.
const IDENT_START = 1;
const DIGIT = 2;
const IDENT_PART = 4;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_]/.test(ch)) CLASS[c] |= IDENT_START | IDENT_PART;
  if (/[0-9]/.test(ch)) CLASS[c] |= DIGIT | IDENT_PART;
}

function isIdentPart(c: number): boolean {
  return c < 128 && (CLASS[c] & IDENT_PART) !== 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The units a number may carry, by first character, in lexer.ts's order of preference. */
const UNITS_BY_FIRST: (readonly string[] | undefined)[] = [];
for (const unit of [
  "ms",
  "s",
  "m",
  "h",
  "d",
  "Ki",
  "Mi",
  "Gi",
  "Ti",
  "K",
  "M",
  "G",
  "T",
  "%",
  "/s",
  "/min",
  "/hour",
  "/day",
]) {
  const first = unit.charCodeAt(0);
  UNITS_BY_FIRST[first] = [...(UNITS_BY_FIRST[first] ?? []), unit];
}

/** Token kind of each one-character punctuation token by character code (0: none). */
const PUNCTUATION = new Uint8Array(128);
for (const [ch, kind] of [
  ["{", LBRACE],
  ["}", RBRACE],
  ["(", LPAREN],
  [")", RPAREN],
  ["<", LANGLE],
  [">", RANGLE],
  [",", COMMA],
  [":", COLON],
  ["=", EQUALS],
  [";", SEMI],
  ["&", AMP],
  ["*", STAR],
  ["|", PIPE],
  ["!", BANG],
  [".", DOT],
  ["?", QUESTION],
] as const) {
  PUNCTUATION[ch.charCodeAt(0)] = kind;
}

export class Scanner {
  private readonly len: number;
  private pos = 0;
  private depth = 0;
  private pendingDoc: string[] | undefined;

  // The current token.
  kind = EOF;
  start = 0;
  end = 0;
  line = 1;
  /** The `///` run right before the current token, if any. */
  doc: string | undefined;
  /** IDENT: the spelling's hash (see Spellings). */
  private wordHash = 0;
  /** STRING: whether it holds a backslash. */
  escaped = false;
  /** QUANTITY: where its number ends. RANGE: where the low end's number ends. */
  numEnd = 0;
  /** RANGE: where the low end ends, and where the high end's number ends. */
  lowEnd = 0;
  highNumEnd = 0;

  // The last token consumed (chevrotain's LA(0)): where spans of finished nodes end.
  lastEnd = 0;

  readonly comments: Comment[] = [];
  /** Where each line scanned so far starts: the table the spans of this parse share. */
  private readonly starts: number[] = [0];
  readonly lines: LineStarts;
  private readonly spellings = new Spellings();

  /**
   * A scanner at the start of `text`, or at `from`: an offset between top-level declarations
   * (nesting depth 0, no doc comment pending).
   */
  constructor(
    readonly file: string,
    readonly text: string,
    private readonly maxNesting: number,
    from?: number,
  ) {
    this.len = text.length;
    this.lines = new LineStarts(file, this.starts);
    if (from !== undefined) {
      this.pos = from;
      for (let nl = text.indexOf("\n"); nl >= 0 && nl < from; nl = text.indexOf("\n", nl + 1))
        this.starts.push(nl + 1);
    }
    this.scan();
  }

  /** Consumes the current token. */
  next(): void {
    this.lastEnd = this.end;
    this.scan();
  }

  image(): string {
    if (this.kind === IDENT) return this.spellings.of(this.text, this.start, this.end, this.wordHash);
    return this.slice(this.start, this.end);
  }

  /**
   * The text from `start` to `end`, one string per spelling within the file: names such as `id`
   * or units such as `ms` recur thousands of times, and a large workspace would otherwise hold
   * a copy of each.
   */
  slice(start: number, end: number): string {
    return this.spellings.of(this.text, start, end, spellingHash(this.text, start, end));
  }

  /** Whether the current token is the word `w` (a keyword is a whole identifier). */
  isWord(w: string): boolean {
    return this.kind === IDENT && this.end - this.start === w.length && this.text.startsWith(w, this.start);
  }

  /** The current token's span. */
  span(): Span {
    return new TextSpan(this.lines, this.start, this.end);
  }

  /** From `start` (where a node's first token starts) to the end of the last token consumed. */
  spanFrom(start: number): Span {
    return new TextSpan(this.lines, start, this.lastEnd);
  }

  /** A span within the text scanned so far. */
  spanOf(start: number, end: number): Span {
    return new TextSpan(this.lines, start, end);
  }

  /** The span of the whole text. */
  fileSpan(): Span {
    return new TextSpan(this.lines, 0, this.len);
  }

  private scan(): void {
    const text = this.text;
    const len = this.len;
    let pos = this.pos;
    let c = 0;
    for (;;) {
      if (pos >= len) {
        this.pos = pos;
        this.kind = EOF;
        this.start = this.end = len;
        this.line = this.starts.length;
        this.doc = undefined;
        return;
      }
      c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 13 || c === 12 || c === 0xfeff) pos++;
      else if (c === 10) {
        pos++;
        this.starts.push(pos);
      } else if (c === 47) pos = this.comment(pos);
      else break;
    }
    this.start = pos;
    this.line = this.starts.length;
    if (this.pendingDoc !== undefined) {
      this.doc = this.pendingDoc.join("\n");
      this.pendingDoc = undefined;
    } else this.doc = undefined;
    const cls = c < 128 ? CLASS[c] : 0;
    if ((cls & IDENT_START) !== 0) {
      // The spelling's hash (Spellings) is computed on the way.
      let p = pos + 1;
      let h = c;
      for (;;) {
        for (; p < len; p++) {
          const d = text.charCodeAt(p);
          if (!isIdentPart(d)) break;
          h = (Math.imul(h, 31) + d) | 0;
        }
        if (p + 1 < len && text.charCodeAt(p) === 45 && isIdentPart(text.charCodeAt(p + 1))) {
          h = (Math.imul(Math.imul(h, 31) + 45, 31) + text.charCodeAt(p + 1)) | 0;
          p += 2;
        } else break;
      }
      this.kind = IDENT;
      this.pos = this.end = p;
      this.wordHash = h;
    } else if ((cls & DIGIT) !== 0) this.number(pos);
    else if (c === 34) this.string(pos);
    else if (c === 45) {
      if (text.charCodeAt(pos + 1) !== 62) throw BAIL;
      this.kind = ARROW;
      this.pos = this.end = pos + 2;
    } else {
      const kind = c < 128 ? PUNCTUATION[c] : 0;
      if (kind === 0) throw BAIL;
      if (kind === LBRACE || kind === LPAREN || kind === LANGLE) {
        if (++this.depth > this.maxNesting) throw BAIL;
      } else if ((kind === RBRACE || kind === RPAREN || kind === RANGLE) && this.depth > 0) this.depth--;
      this.kind = kind;
      this.pos = this.end = pos + 1;
    }
  }

  /** Reads the comment at `pos` (a `/`) into `comments`; returns where it ends. */
  private comment(pos: number): number {
    const text = this.text;
    const second = text.charCodeAt(pos + 1);
    if (second === 47) {
      const nl = text.indexOf("\n", pos + 2);
      const end = nl < 0 ? this.len : nl;
      const image = text.slice(pos, end);
      const doc = text.charCodeAt(pos + 2) === 47 && end > pos + 2;
      this.comments.push({
        kind: "Comment",
        style: doc ? "doc" : "line",
        text: image,
        span: this.spanOf(pos, end),
      });
      if (doc) {
        let body = image.slice(3);
        if (body.charCodeAt(0) === 32) body = body.slice(1);
        body = body.trimEnd();
        if (this.pendingDoc === undefined) this.pendingDoc = [body];
        else this.pendingDoc.push(body);
      }
      return end;
    }
    if (second !== 42) throw BAIL; // a lone `/`
    const close = text.indexOf("*/", pos + 2);
    if (close < 0) throw BAIL; // unterminated: E0104
    const end = close + 2;
    for (let i = text.indexOf("\n", pos + 2); i >= 0 && i < end; i = text.indexOf("\n", i + 1)) {
      this.starts.push(i + 1);
    }
    this.comments.push({
      kind: "Comment",
      style: "block",
      text: text.slice(pos, end),
      span: this.spanOf(pos, end),
    });
    return end;
  }

  private string(pos: number): void {
    const text = this.text;
    const len = this.len;
    let p = pos + 1;
    let escaped = false;
    for (;;) {
      if (p >= len) throw BAIL; // unterminated: E0102
      const c = text.charCodeAt(p);
      if (c === 34) break;
      if (c === 10 || c === 13) throw BAIL;
      if (c === 92) {
        escaped = true;
        const e = text.charCodeAt(p + 1);
        if (p + 1 >= len || e === 10 || e === 13) throw BAIL;
        p += 2;
      } else p++;
    }
    this.kind = STRING;
    this.escaped = escaped;
    this.pos = this.end = p + 1;
  }

  /** Where the digits starting at `p` end. */
  private digits(p: number): number {
    const text = this.text;
    while (p < this.len && isDigit(text.charCodeAt(p))) p++;
    return p;
  }

  /** `\d+(\.\d+)?` from `p` (a digit), greedily: where it ends. */
  private numberPart(p: number): number {
    const end = this.digits(p);
    if (this.text.charCodeAt(end) === 46 && isDigit(this.text.charCodeAt(end + 1)))
      return this.digits(end + 1);
    return end;
  }

  /**
   * Where the first unit alternative at `p` (or no unit, tried last) ends that is followed by
   * `..` (`beforeDots`) or by no name character (otherwise), or -1. The regexes of lexer.ts try
   * units in this order and backtrack the same way.
   */
  private unitEnd(p: number, beforeDots: boolean): number {
    const text = this.text;
    const units = UNITS_BY_FIRST[text.charCodeAt(p)];
    if (units !== undefined) {
      for (let i = 0; i < units.length; i++) {
        const u = units[i];
        if (text.startsWith(u, p) && this.endsUnit(p + u.length, beforeDots)) return p + u.length;
      }
    }
    return this.endsUnit(p, beforeDots) ? p : -1;
  }

  private endsUnit(at: number, beforeDots: boolean): boolean {
    const c = this.text.charCodeAt(at);
    return beforeDots ? c === 46 && this.text.charCodeAt(at + 1) === 46 : !isIdentPart(c);
  }

  /**
   * A range (`2..10`, tried first) or a quantity. Only the greedy reading of the digits is
   * tried: when it fails the chevrotain lexer would backtrack into a reading that always ends
   * in a BadQuantity or a lexing error, so giving up is exact.
   */
  private number(pos: number): void {
    const numEnd = this.numberPart(pos);
    const lowEnd = this.unitEnd(numEnd, true);
    if (lowEnd >= 0 && isDigit(this.text.charCodeAt(lowEnd + 2))) {
      const highNumEnd = this.numberPart(lowEnd + 2);
      const end = this.unitEnd(highNumEnd, false);
      if (end >= 0) {
        this.kind = RANGE;
        this.numEnd = numEnd;
        this.lowEnd = lowEnd;
        this.highNumEnd = highNumEnd;
        this.pos = this.end = end;
        return;
      }
    }
    const end = this.unitEnd(numEnd, false);
    if (end < 0) throw BAIL; // BadQuantity: E0105
    this.kind = QUANTITY;
    this.numEnd = numEnd;
    this.pos = this.end = end;
  }
}

/** The hash Spellings keys a spelling by (the scanner computes it for names as it reads them). */
function spellingHash(text: string, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

/**
 * The strings of one text by spelling: an open-addressing table keyed by a hash of the
 * characters, so a spelling seen before costs no new string (and no hashing by a Map of a
 * string just sliced).
 */
class Spellings {
  private hashes = new Int32Array(256);
  private strings: (string | undefined)[] = new Array(256).fill(undefined);
  private count = 0;

  /** The string spelled from `start` to `end` of `text`, whose `spellingHash` is `h`. */
  of(text: string, start: number, end: number, h: number): string {
    // V8 slices 13 characters or more without copying them (a 32-byte sliced string): only a
    // shorter spelling is copied, and only those are worth keeping one of.
    if (end - start >= 13) return text.slice(start, end);
    const strings = this.strings;
    const mask = strings.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const s = strings[i];
      if (s === undefined) break;
      if (this.hashes[i] === h && s.length === end - start && text.startsWith(s, start)) return s;
    }
    const fresh = text.slice(start, end);
    if (++this.count * 2 > strings.length) this.grow();
    this.insert(fresh, h);
    return fresh;
  }

  private insert(s: string, h: number): void {
    const strings = this.strings;
    const mask = strings.length - 1;
    let i = h & mask;
    while (strings[i] !== undefined) i = (i + 1) & mask;
    strings[i] = s;
    this.hashes[i] = h;
  }

  private grow(): void {
    const { strings, hashes } = this;
    this.strings = new Array(strings.length * 2).fill(undefined);
    this.hashes = new Int32Array(strings.length * 2);
    for (let i = 0; i < strings.length; i++) {
      const s = strings[i];
      if (s !== undefined) this.insert(s, hashes[i]);
    }
  }
}
