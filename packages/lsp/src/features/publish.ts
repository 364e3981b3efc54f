// Publishes diagnostics as the user types. A keystroke after a pause is re-checked at once;
// changes that follow each other within the debounce wait until it has passed without one, so
// a burst (an edit applied as several changes, keystrokes faster than the debounce) is checked
// once. The edited files are published first; any other file only when its
// diagnostics differ from what was last published for it as the client sees them (the checker
// keeps a file's array while they are equal, so that is an identity check). A result computed
// for an older text is not published; the re-check that follows is.

import type { Connection } from "vscode-languageserver";
import type { Checker, CheckResult } from "../workspace/checker.js";
import type { Project } from "../workspace/project.js";
import type { ServedDiagnostic } from "../workspace/served-diagnostics.js";
import { toLspDiagnostic } from "./diagnostics.js";

export interface PublisherOptions {
  readonly debounceMs: number;
  readonly uriOf: (abs: string) => string;
  readonly versionOf: (abs: string) => number | undefined;
  /** Called after each publish round with how long the re-check took (for tracing). */
  readonly onPublished?: (ms: number, files: number, phases: Readonly<Record<string, number>>) => void;
  readonly onError?: (err: unknown) => void;
}

export class DiagnosticPublisher {
  private timer: NodeJS.Timeout | undefined;
  /** What the client was last sent per file (the checker's array, kept while equal). */
  private readonly published = new Map<string, readonly ServedDiagnostic[]>();
  /** Files whose text changed since they were last published: republished even if unchanged. */
  private readonly touched = new Set<string>();
  private disposed = false;
  private running = false;
  private again = false;
  /** When the latest text change arrived (performance.now), or -Infinity before any. */
  private lastTouch = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly connection: Connection,
    private readonly project: Project,
    private readonly checker: () => Checker,
    private options: PublisherOptions,
  ) {}

  setDebounce(ms: number): void {
    this.options = { ...this.options, debounceMs: Math.max(0, ms) };
  }

  /** A file's text changed: re-check now after a pause, else once the debounce has passed. */
  touch(abs: string): void {
    this.touched.add(abs);
    const now = performance.now();
    const paused = now - this.lastTouch >= this.options.debounceMs;
    this.lastTouch = now;
    this.schedule(paused ? 0 : this.options.debounceMs);
  }

  schedule(delay = this.options.debounceMs): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.publishNow();
    }, delay);
  }

  /** Re-checks (on the checker) and publishes; rounds never overlap, and stale results wait. */
  async publishNow(): Promise<void> {
    if (this.disposed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    const started = performance.now();
    try {
      const result = await this.checker().current();
      // The text moved on while the check ran: those ranges would point at the wrong places.
      if (!this.isCurrent(result)) return;
      // The edited files first, and on their own: their diagnostics are the ones the user is
      // looking at, and they are written to the client before the others are converted.
      const edited = [...this.touched];
      let count = 0;
      for (const abs of edited) {
        this.touched.delete(abs);
        const diags = result.byFile.get(abs);
        if (diags === undefined) continue;
        this.send(abs, diags);
        count++;
      }
      const others = [...result.byFile].filter(([abs, diags]) => this.published.get(abs) !== diags);
      if (count > 0 && others.length > 0) {
        await new Promise((resolve) => setImmediate(resolve));
        // Typed meanwhile: the files not sent yet still differ from what was published, so
        // the next round sends them.
        if (this.disposed || !this.isCurrent(result)) return;
      }
      for (const [abs, diags] of others) {
        this.send(abs, diags);
        count++;
      }
      // A file that left the project (deleted, or its folder removed) gets its diagnostics cleared.
      for (const abs of [...this.published.keys()]) {
        if (result.byFile.has(abs)) continue;
        this.published.delete(abs);
        void this.connection.sendDiagnostics({ uri: this.options.uriOf(abs), diagnostics: [] });
      }
      this.options.onPublished?.(performance.now() - started, count, result.phases);
    } catch (err) {
      this.options.onError?.(err);
    } finally {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    }
  }

  /** False, and another round is due, when the project changed since `result` was computed. */
  private isCurrent(result: CheckResult): boolean {
    if (result.key === this.project.stateKey) return true;
    this.again = true;
    return false;
  }

  private send(abs: string, diags: readonly ServedDiagnostic[]): void {
    this.published.set(abs, diags);
    const version = this.options.versionOf(abs);
    void this.connection.sendDiagnostics({
      uri: this.options.uriOf(abs),
      diagnostics: diags.map((d) => toLspDiagnostic(d, this.options.uriOf)),
      ...(version !== undefined ? { version } : {}),
    });
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
