// One Diagnostic type for every stage: parse, compile, rules and the model checker.

import type { Span } from "./span.js";

export type Severity = "error" | "warning" | "info";

export interface RelatedInfo {
  readonly span: Span;
  readonly message: string;
}

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

/** One state of a counterexample: the action that led to it and the variables after it. */
export interface TraceState {
  readonly index: number;
  readonly action: string;
  readonly vars: Readonly<Record<string, unknown>>;
  readonly span?: Span;
}

export interface Trace {
  readonly states: readonly TraceState[];
  /** For a lasso (liveness) counterexample: the index the loop returns to. */
  readonly loopsTo?: number;
}

export interface Diagnostic {
  /** A stable code: `E0101` for compiler diagnostics, the rule id for checker findings. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related: readonly RelatedInfo[];
  readonly help?: string;
  readonly fixes?: readonly Fix[];
  readonly trace?: Trace;
}

export function severityRank(s: Severity): number {
  return s === "error" ? 2 : s === "warning" ? 1 : 0;
}

/** Source order: file, then offset, then code, so every report is deterministic. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.span.file !== b.span.file) return a.span.file < b.span.file ? -1 : 1;
  if (a.span.start !== b.span.start) return a.span.start - b.span.start;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
