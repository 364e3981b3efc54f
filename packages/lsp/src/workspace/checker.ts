// Who compiles and checks: a worker thread when one can be started, so hover, completion and
// navigation stay answered while a large workspace is re-checked (a whole-program compile of
// 1,000 services takes a second), else the server's own thread. Both see the same project: every
// change to files and buffers is replayed in the worker in order, and each result carries the
// state key it was computed for, so a result is only used for the state it describes.

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { buildReport } from "../features/report.js";
import type { ReportResult } from "../protocol.js";
import type { Project, ProjectChange } from "./project.js";
import { checkAndServe, type ServedDiagnostic, ServedDiagnosticsByFile } from "./served-diagnostics.js";
import { sizeNextThreadYoungGeneration } from "./idle-gc.js";
import type { HostChange } from "./source-host.js";

export interface CheckResult {
  /** The project state (`Project.stateKey`) these diagnostics belong to. */
  readonly key: string;
  /**
   * Diagnostics per absolute path; every known file has an entry. A file keeps the very array
   * of the previous result while its diagnostics are equal as the client sees them.
   */
  readonly byFile: ReadonlyMap<string, readonly ServedDiagnostic[]>;
  readonly phases: Readonly<Record<string, number>>;
}

export interface Checker {
  readonly kind: "worker" | "in-process";
  /** The diagnostics of the project as it is now, computed if need be. */
  current(): Promise<CheckResult>;
  /** The latest result if it describes the project as it is now. */
  latestIfCurrent(): CheckResult | undefined;
  report(file: string | undefined): Promise<ReportResult>;
  dispose(): void;
}

/** Messages to the worker. */
export type ToWorker =
  | { readonly kind: "change"; readonly change: HostChange | ProjectChange; readonly key: string }
  | { readonly kind: "check"; readonly id: number }
  | { readonly kind: "report"; readonly id: number; readonly file?: string };

/** Messages from the worker. */
export type FromWorker =
  | {
      readonly kind: "checked";
      readonly id: number;
      readonly key: string;
      /** Only the files whose served diagnostics changed since the previous answer, and those gone. */
      readonly changed: [string, readonly ServedDiagnostic[]][];
      readonly removed: string[];
      readonly phases: Record<string, number>;
    }
  | { readonly kind: "report"; readonly id: number; readonly result: ReportResult }
  | { readonly kind: "failed"; readonly id: number; readonly message: string };

export class InProcessChecker implements Checker {
  readonly kind = "in-process";
  private latest: CheckResult | undefined;
  private readonly served = new ServedDiagnosticsByFile();

  constructor(private readonly project: Project) {}

  current(): Promise<CheckResult> {
    const key = this.project.stateKey;
    if (this.latest?.key === key) return Promise.resolve(this.latest);
    this.latest = { key, ...checkAndServe(this.project, this.served) };
    return Promise.resolve(this.latest);
  }

  latestIfCurrent(): CheckResult | undefined {
    return this.latest?.key === this.project.stateKey ? this.latest : undefined;
  }

  report(file: string | undefined): Promise<ReportResult> {
    return buildReport(this.project, file);
  }

  dispose(): void {}
}

interface Pending {
  resolve(value: FromWorker): void;
  reject(err: Error): void;
}

export class WorkerChecker implements Checker {
  readonly kind = "worker";
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private latest: CheckResult | undefined;
  private inflight: { key: string; promise: Promise<CheckResult> } | undefined;
  /** Every file's diagnostics as of the latest answer (answers carry only the differences). */
  private readonly files = new Map<string, readonly ServedDiagnostic[]>();
  /** Set when the thread failed: from then on the work is done on the server's thread. */
  private fallback: InProcessChecker | undefined;

  constructor(
    private readonly project: Project,
    script: URL,
    private readonly log: (message: string) => void,
  ) {
    this.worker = spawnWorker(script);
    this.worker.unref();
    this.worker.on("message", (m: FromWorker) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.kind === "failed") p.reject(new Error(m.message));
      else p.resolve(m);
    });
    this.worker.on("error", (err) => this.broken(err));
    this.worker.on("exit", (code) => this.broken(new Error(`it exited with code ${code}`)));
    const forward = (change: HostChange | ProjectChange) =>
      this.post({ kind: "change", change, key: this.project.stateKey });
    project.onChange = forward;
    project.host.onChange = forward;
  }

  private broken(err: Error): void {
    if (this.fallback) return;
    this.log(`archc: the checker thread failed (${err.message}); checking on the server thread from now on`);
    this.fallback = new InProcessChecker(this.project);
    this.project.onChange = undefined;
    this.project.host.onChange = undefined;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  /** Read through a method: after an await the thread may have failed in the meantime. */
  private failedOver(): InProcessChecker | undefined {
    return this.fallback;
  }

  private post(message: ToWorker): void {
    if (!this.fallback) this.worker.postMessage(message);
  }

  private ask(message: ToWorker & { id: number }): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      this.pending.set(message.id, { resolve, reject });
      this.post(message);
    });
  }

  current(): Promise<CheckResult> {
    if (this.fallback) return this.fallback.current();
    const key = this.project.stateKey;
    if (this.latest?.key === key) return Promise.resolve(this.latest);
    if (this.inflight?.key === key) return this.inflight.promise;
    // One check at a time: while typing, requests for newer states would otherwise queue a
    // whole compile each on the thread. Wait for the running one, then check what is current.
    if (this.inflight)
      return this.inflight.promise.then(
        () => this.current(),
        () => this.current(),
      );
    const promise = this.ask({ kind: "check", id: this.nextId++ }).then(
      (m): CheckResult => {
        if (m.kind !== "checked") throw new Error(`unexpected answer ${m.kind}`);
        for (const [file, diags] of m.changed) this.files.set(file, diags);
        for (const file of m.removed) this.files.delete(file);
        const result = { key: m.key, byFile: new Map(this.files), phases: m.phases };
        this.latest = result;
        return result;
      },
      // The thread died under this request: answer it from the server's thread.
      (err: Error) => {
        const fallback = this.failedOver();
        if (fallback) return fallback.current();
        throw err;
      },
    );
    const inflight = { key, promise };
    this.inflight = inflight;
    const clear = () => {
      if (this.inflight === inflight) this.inflight = undefined;
    };
    promise.then(clear, clear);
    return promise;
  }

  latestIfCurrent(): CheckResult | undefined {
    if (this.fallback) return this.fallback.latestIfCurrent();
    return this.latest?.key === this.project.stateKey ? this.latest : undefined;
  }

  async report(file: string | undefined): Promise<ReportResult> {
    if (this.fallback) return this.fallback.report(file);
    try {
      const m = await this.ask({ kind: "report", id: this.nextId++, ...(file ? { file } : {}) });
      if (m.kind !== "report") throw new Error(`unexpected answer ${m.kind}`);
      return m.result;
    } catch (err) {
      const fallback = this.failedOver();
      if (fallback) return fallback.report(file);
      throw err;
    }
  }

  dispose(): void {
    this.project.onChange = undefined;
    this.project.host.onChange = undefined;
    void this.worker.terminate();
  }
}

/**
 * The worker script beside this module: `check-worker.ts` when running from source, the bundle
 * `check-worker.mjs` that scripts/build.mjs writes next to each bundle otherwise.
 */
export function checkWorkerScript(): URL | undefined {
  const here = import.meta.url;
  const candidate = new URL(here.endsWith(".ts") ? "./check-worker.ts" : "./check-worker.mjs", here);
  return existsSync(fileURLToPath(candidate)) ? candidate : undefined;
}

/** From source (under tsx), the thread must register tsx itself: loader hooks do not carry over. */
function spawnWorker(script: URL): Worker {
  sizeNextThreadYoungGeneration();
  if (!script.pathname.endsWith(".ts")) return new Worker(script);
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(script.href)}); })`;
  return new Worker(boot, { eval: true });
}

/** A worker checker if its script is there and the thread starts, else the in-process one. */
export function startChecker(project: Project, log: (message: string) => void): Checker {
  const script = checkWorkerScript();
  if (!script) {
    log("archc: no checker worker script found; checking on the server thread");
    return new InProcessChecker(project);
  }
  try {
    return new WorkerChecker(project, script, log);
  } catch (err) {
    log(`archc: could not start the checker thread (${String(err)}); checking on the server thread`);
    return new InProcessChecker(project);
  }
}
