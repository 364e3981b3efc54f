// The server's additions to LSP: the report request the VS Code extension's webview uses, the
// timing notification the benchmark reads, and the options a client may pass at initialize.

import { NotificationType, RequestType } from "vscode-languageserver";

export interface ReportParams {
  /** A document of the compilation to report on; the first compilation when absent. */
  readonly uri?: string;
}
export interface ReportResult {
  readonly title: string;
  readonly html: string;
}
export const ReportRequest = new RequestType<ReportParams, ReportResult, void>("archc/report");

export interface PublishedParams {
  /** Milliseconds the re-check and publish took inside the server (debounce excluded). */
  readonly ms: number;
  readonly files: number;
  /**
   * Where the time went: load (read + parse changed files), index, compile, check, collect
   * (diagnostics per file), serve (into the form the client sees, for the changed files).
   */
  readonly phases: Readonly<Record<string, number>>;
}
/** Sent after each publish round when the client asked for `reportTimings`. */
export const PublishedNotification = new NotificationType<PublishedParams>("archc/published");

export interface InitializationOptions {
  /**
   * Quiet period after a keystroke before re-checking (default 5 ms). Short on purpose: one check
   * runs at a time and edits made meanwhile are checked together once it ends, so fast typing
   * never queues work; the debounce only merges the notifications of one burst (a multi-cursor
   * edit, an undo group), which arrive within a millisecond or two. Every millisecond of it is
   * latency on every keystroke.
   */
  readonly debounceMs?: number;
  readonly reportTimings?: boolean;
}

export const DEFAULT_DEBOUNCE_MS = 5;
