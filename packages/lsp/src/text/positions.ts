// Spans (1-based, exclusive end, UTF-16 columns) to LSP ranges (0-based, UTF-16) and back.
// Both sides count UTF-16 code units, so columns convert by subtracting one.

import { LineIndex, type Span } from "@archc/dsl";
import type { Position, Range } from "vscode-languageserver";

/** Recovered parse nodes can carry NaN offsets; they must never reach a client. */
export function isUsableSpan(span: Span | undefined): span is Span {
  return (
    span !== undefined &&
    Number.isFinite(span.start) &&
    Number.isFinite(span.end) &&
    Number.isFinite(span.line) &&
    Number.isFinite(span.col) &&
    Number.isFinite(span.endLine) &&
    Number.isFinite(span.endCol) &&
    span.line >= 1 &&
    span.col >= 1
  );
}

export function spanToRange(span: Span): Range {
  if (!isUsableSpan(span)) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const start = { line: span.line - 1, character: span.col - 1 };
  const end = { line: span.endLine - 1, character: span.endCol - 1 };
  const ordered = end.line > start.line || (end.line === start.line && end.character >= start.character);
  return { start, end: ordered ? end : start };
}

/** The offset of an LSP position in a text (clamped to the text). */
export function offsetAt(lines: LineIndex, position: Position): number {
  if (position.line >= lines.lineCount) return lines.text.length;
  const lineStart = lines.offsetOf(position.line + 1, 1);
  const lineLength = lines.lineText(position.line + 1).length;
  return lineStart + Math.min(Math.max(0, position.character), lineLength);
}

export function positionAt(lines: LineIndex, offset: number): Position {
  const p = lines.position(offset);
  return { line: p.line - 1, character: p.col - 1 };
}

/** True when `offset` lies in the span, its end included (a cursor right after a name is on it). */
export function spanContains(span: Span, offset: number): boolean {
  return isUsableSpan(span) && span.start <= offset && offset <= span.end;
}

/** A LineIndex per text, reused while the text is unchanged. */
const lineIndexes = new WeakMap<object, LineIndex>();
const byText = new Map<string, LineIndex>();

export function lineIndexOf(text: string, owner?: object): LineIndex {
  if (owner) {
    const known = lineIndexes.get(owner);
    if (known && known.text === text) return known;
    const made = new LineIndex(text);
    lineIndexes.set(owner, made);
    return made;
  }
  const hit = byText.get(text);
  if (hit) return hit;
  if (byText.size > 64) byText.clear();
  const made = new LineIndex(text);
  byText.set(text, made);
  return made;
}
