// Publishes diagnostics as the user types: a keystroke schedules a re-check after a short quiet
// period (the debounce), and only files whose diagnostics changed — or whose text did — are sent.
// A result computed for an older text is not published; the re-check that follows is.

import type { Connection } from "vscode-languageserver";
import type { Checker } from "../workspace/checker.js";
import type { Project } from "../workspace/project.js";
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
  private readonly sent = new Map<string, string>();
  /** Files whose text changed since they were last published: republished even if unchanged. */
  private readonly touched = new Set<string>();
  private disposed = false;
  private running = false;
  private again = false;

  constructor(
    private readonly connection: Connection,
    private readonly project: Project,
    private readonly checker: () => Checker,
    private options: PublisherOptions,
  ) {}

  setDebounce(ms: number): void {
    this.options = { ...this.options, debounceMs: Math.max(0, ms) };
  }

  /** A file's text changed: re-check after the debounce. */
  touch(abs: string): void {
    this.touched.add(abs);
    this.schedule();
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
      if (result.key !== this.project.stateKey) {
        this.again = true;
        return;
      }
      let count = 0;
      // The edited files first: their diagnostics are the ones the user is looking at, and an
      // edit near the top of a file also moves related ranges that other files' findings show.
      const order = [...this.touched].filter((abs) => result.byFile.has(abs));
      for (const abs of result.byFile.keys()) if (!this.touched.has(abs)) order.push(abs);
      for (const abs of order) {
        const diags = result.byFile.get(abs)!;
        // Unchanged and already sent: nothing to convert or compare.
        if (result.changed && !result.changed.has(abs) && !this.touched.has(abs) && this.sent.has(abs))
          continue;
        const folder = this.project.folderOf(abs) ?? abs;
        const lsp = diags.map((d) => toLspDiagnostic(d, folder, this.options.uriOf));
        const version = this.options.versionOf(abs);
        const key = JSON.stringify(lsp);
        if (this.sent.get(abs) === key && !this.touched.has(abs)) continue;
        this.sent.set(abs, key);
        count++;
        void this.connection.sendDiagnostics({
          uri: this.options.uriOf(abs),
          diagnostics: lsp,
          ...(version !== undefined ? { version } : {}),
        });
      }
      // A file that left the project (deleted, or its folder removed) gets its diagnostics cleared.
      for (const abs of [...this.sent.keys()]) {
        if (result.byFile.has(abs)) continue;
        this.sent.delete(abs);
        void this.connection.sendDiagnostics({ uri: this.options.uriOf(abs), diagnostics: [] });
      }
      this.touched.clear();
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

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
