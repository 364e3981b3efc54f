// Text edits for fixes, built from spans the Model gives (no source text needed).

import { plainSpan, type Span, type TextEdit } from "@archc/dsl";

/** A zero-width span just after `span`. */
export function pointAfter(span: Span): Span {
  return { ...plainSpan(span), start: span.end, line: span.endLine, col: span.endCol };
}

/** A zero-width span just before the last character of `span` (its closing `}`). */
export function pointBeforeLastChar(span: Span): Span {
  return {
    ...plainSpan(span),
    start: span.end - 1,
    end: span.end - 1,
    line: span.endLine,
    col: span.endCol - 1,
    endCol: span.endCol - 1,
  };
}

export function insertAt(point: Span, newText: string): TextEdit {
  return { span: point, newText };
}
