/**
 * A source range. Offsets are UTF-16 code-unit offsets into the file's text, `end` exclusive.
 * Lines and columns are 1-based; `endLine`/`endCol` point just past the last character (the
 * SARIF and LSP convention of an exclusive end).
 */
export interface Span {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
}

/**
 * Where the lines of one parsed text start (offsets, ascending, the first 0). The spans a parse
 * makes share one table and work their lines and columns out of it when asked. `starts` may
 * still grow while the parse that owns it runs; no span asks about text beyond what is scanned.
 */
export class LineStarts {
  constructor(
    readonly file: string,
    readonly starts: readonly number[],
  ) {}

  /** The 1-based line holding `offset`. */
  lineOf(offset: number): number {
    return lineHolding(this.starts, offset);
  }
}

/** The 1-based line holding `offset`, by binary search in ascending line starts. */
function lineHolding(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * A span made by the parser: its offsets and its file's line table, lines and columns computed
 * on demand. A large workspace holds millions of spans (one per name, literal and node): 48
 * bytes each, against 80 for the seven fields of a plain object. Equal to a plain span with
 * the same seven values (`sameSpan`); `toJSON` writes those seven fields.
 */
export class TextSpan implements Span {
  constructor(
    readonly lines: LineStarts,
    readonly start: number,
    readonly end: number,
  ) {}

  get file(): string {
    return this.lines.file;
  }

  get line(): number {
    return this.lines.lineOf(this.start);
  }

  get col(): number {
    return this.start - this.lines.starts[this.lines.lineOf(this.start) - 1] + 1;
  }

  get endLine(): number {
    return this.lines.lineOf(this.end);
  }

  get endCol(): number {
    return this.end - this.lines.starts[this.lines.lineOf(this.end) - 1] + 1;
  }

  toJSON(): Span {
    return plainSpan(this);
  }
}

/** The seven fields of `s` in a plain object (for JSON, structured clones and spreading). */
export function plainSpan(s: Span): Span {
  return {
    file: s.file,
    start: s.start,
    end: s.end,
    line: s.line,
    col: s.col,
    endLine: s.endLine,
    endCol: s.endCol,
  };
}

/** Whether `x` has a span's fields (a plain span or a parser's). */
export function isSpan(x: object): x is Span {
  const s = x as Partial<Span>;
  return typeof s.file === "string" && typeof s.start === "number" && typeof s.endCol === "number";
}

/** Whether `a` and `b` cover the same range of the same file (whatever their representation). */
export function sameSpan(a: Span, b: Span): boolean {
  return (
    a === b ||
    (a.start === b.start &&
      a.end === b.end &&
      a.file === b.file &&
      a.line === b.line &&
      a.col === b.col &&
      a.endLine === b.endLine &&
      a.endCol === b.endCol)
  );
}

/**
 * Maps offsets to 1-based line/column for one text, in O(log lines) — O(1) when offsets are
 * looked up mostly in order, as the parser does.
 */
export class LineIndex {
  private readonly lineStarts: number[];
  /** The 0-based line of the last lookup: where the next one most likely falls. */
  private hint = 0;
  private shared: LineStarts | undefined;

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  position(offset: number): { line: number; col: number } {
    const line = this.lineOf(offset);
    return { line, col: this.colOf(offset, line) };
  }

  /** The 1-based line holding `offset` (clamped to the text). */
  lineOf(offset: number): number {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    const h = this.hint;
    if (starts[h] <= o && (h + 1 === starts.length || o < starts[h + 1])) return h + 1;
    if (h + 2 < starts.length && starts[h + 1] <= o && o < starts[h + 2]) {
      this.hint = h + 1;
      return h + 2;
    }
    const line = lineHolding(starts, o);
    this.hint = line - 1;
    return line;
  }

  /** The 1-based column of `offset` on its (1-based) `line`. */
  colOf(offset: number, line: number): number {
    const o = Math.max(0, Math.min(offset, this.text.length));
    return o - this.lineStarts[line - 1] + 1;
  }

  offsetOf(line: number, col: number): number {
    const start = this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))];
    return Math.min(this.text.length, start + col - 1);
  }

  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const next = this.lineStarts[line] ?? this.text.length + 1;
    return this.text.slice(start, next - 1).replace(/\r$/, "");
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  span(file: string, start: number, end: number): Span {
    return new TextSpan(this.table(file), start, end);
  }

  /** The line table of this text as spans of `file` share it. */
  table(file: string): LineStarts {
    if (this.shared?.file !== file) this.shared = new LineStarts(file, this.lineStarts);
    return this.shared;
  }
}

/** The smallest span covering both (same file assumed). */
export function joinSpans(a: Span, b: Span): Span {
  const first = a.start <= b.start ? a : b;
  const last = a.end >= b.end ? a : b;
  if (a instanceof TextSpan && b instanceof TextSpan && a.lines === b.lines)
    return new TextSpan(a.lines, first.start, last.end);
  return {
    file: a.file,
    start: first.start,
    end: last.end,
    line: first.line,
    col: first.col,
    endLine: last.endLine,
    endCol: last.endCol,
  };
}

/** A zero-width span at the start of a file, for diagnostics about a whole file. */
export function fileStartSpan(file: string): Span {
  return { file, start: 0, end: 0, line: 1, col: 1, endLine: 1, endCol: 1 };
}
