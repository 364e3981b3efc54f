// The language server's re-check after one-character edits, in process: the checker thread's
// Project (packages/lsp/src/workspace/project.ts) on a generated system, one character typed
// into and deleted from the first `owner "…"` string of the first services file, as
// bench/lsp.bench.ts types it over stdio. Bundled and run by bench/recheck.bench.ts, so it runs
// the code the server runs, without the transport and the debounce.

import * as fs from "node:fs";
import * as path from "node:path";
import { Project } from "../packages/lsp/src/workspace/project.js";
import { OverlayHost } from "../packages/lsp/src/workspace/source-host.js";

export interface RecheckPhases {
  /** Per phase (and `total`), milliseconds of wall time per edit. */
  readonly phases: Record<string, number[]>;
  /** Bytes allocated per edit (heap growth between edits, GC excluded), median. */
  readonly allocatedPerEdit: number;
}

export function measureRecheck(root: string, edits: number, warmup: number): RecheckPhases {
  const host = new OverlayHost();
  const project = new Project(host);
  project.addFolder(root);
  const target = path.join(root, "services", "services-000.arch");
  const original = fs.readFileSync(target, "utf8");
  host.setBuffer(target, original);
  project.checkedSnapshot();
  const at = original.indexOf('owner "') + 'owner "'.length;
  const edited = `${original.slice(0, at)}x${original.slice(at)}`;
  const phases: Record<string, number[]> = {};
  for (let i = 0; i < warmup + edits; i++) {
    host.setBuffer(target, i % 2 === 0 ? edited : original);
    const started = performance.now();
    project.checkedSnapshot();
    const total = performance.now() - started;
    if (i < warmup) continue;
    for (const [k, v] of Object.entries({ ...project.phases, total })) {
      phases[k] = phases[k] ?? [];
      phases[k].push(v);
    }
  }
  return { phases, allocatedPerEdit: allocatedPerEdit(project, host, target, original, edited) };
}

/** Heap bytes allocated by one re-check: measured with GC forced out of the way when possible. */
function allocatedPerEdit(
  project: Project,
  host: OverlayHost,
  target: string,
  original: string,
  edited: string,
): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return Number.NaN;
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    gc();
    const before = process.memoryUsage().heapUsed;
    host.setBuffer(target, i % 2 === 0 ? edited : original);
    project.checkedSnapshot();
    samples.push(process.memoryUsage().heapUsed - before);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}
