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
 * Maps offsets to 1-based line/column for one text, in O(log lines) — O(1) when offsets are
 * looked up mostly in order, as the parser does.
 */
export class LineIndex {
  private readonly lineStarts: number[];
  /** The 0-based line of the last lookup: where the next one most likely falls. */
  private hint = 0;

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
    let h = this.hint;
    if (starts[h] <= o && (h + 1 === starts.length || o < starts[h + 1])) return h + 1;
    if (h + 2 < starts.length && starts[h + 1] <= o && o < starts[h + 2]) {
      this.hint = h + 1;
      return h + 2;
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    h = lo;
    this.hint = h;
    return h + 1;
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
    const line = this.lineOf(start);
    const col = this.colOf(start, line);
    const endLine = this.lineOf(end);
    return { file, start, end, line, col, endLine, endCol: this.colOf(end, endLine) };
  }
}

/** The smallest span covering both (same file assumed). */
export function joinSpans(a: Span, b: Span): Span {
  const first = a.start <= b.start ? a : b;
  const last = a.end >= b.end ? a : b;
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
