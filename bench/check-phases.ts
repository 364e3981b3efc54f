// Where `archc check`'s time and memory go, phase by phase. Bundled by bench/check.bench.ts with
// esbuild, so it runs the same code the CLI runs, and run in a process of its own
// (`node --expose-gc check-phases.mjs DIR [--model-check]`, printing one JSON object), so what
// it measures is that one check:
// - each phase's wall time, and the part of it garbage collection took (`gc` performance
//   entries, bucketed by when they started);
// - the heap still live after each phase (measured after a full collection, which is not
//   counted in any phase).

import { type PerformanceEntry, PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { checkModel } from "../packages/checker/src/index.js";
import { compileWorkspace } from "../packages/compiler/src/index.js";
import { expandEntries, loadWorkspace } from "../packages/dsl/src/index.js";

export interface Phase {
  readonly name: string;
  readonly ms: number;
  /** Milliseconds of garbage collection that started during the phase. */
  readonly gcMs: number;
  /** MB of heap live after the phase (undefined without --expose-gc). */
  readonly liveMb?: number;
}

export interface Phases {
  readonly phases: Phase[];
  readonly sagas?: number;
}

export async function measurePhases(dir: string, modelCheck: boolean): Promise<Phases> {
  const gcs: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => gcs.push(...list.getEntries()));
  observer.observe({ entryTypes: ["gc"] });
  const collect = (globalThis as { gc?: () => void }).gc;
  const spans: { name: string; start: number; end: number; liveMb?: number }[] = [];
  const phase = <T>(name: string, run: () => T): T => {
    const start = performance.now();
    const result = run();
    const end = performance.now();
    let liveMb: number | undefined;
    if (collect !== undefined) {
      collect();
      liveMb = process.memoryUsage().heapUsed / 1e6;
    }
    spans.push({ name, start, end, liveMb });
    return result;
  };
  const ws = phase("load+parse", () => loadWorkspace(expandEntries([dir])));
  const compilation = phase("compile", () => compileWorkspace(ws));
  phase("rules", () => checkModel(compilation));
  const checked = modelCheck
    ? phase("rules + model check", () => checkModel(compilation, { modelCheck: {} }))
    : undefined;
  // Performance entries reach the observer asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  const phases = spans.map(({ name, start, end, liveMb }) => ({
    name,
    ms: end - start,
    gcMs: gcs
      .filter((g) => g.startTime >= start && g.startTime < end)
      .reduce((sum, g) => sum + g.duration, 0),
    liveMb,
  }));
  return { phases, sagas: checked?.modelCheck?.sagas.length };
}

/** `phases` as one line: `load+parse 1520 ms (GC 410, 460 MB live), …`. */
export function describePhases({ phases, sagas }: Phases): string {
  const parts = phases.map(
    (p) =>
      `${p.name} ${p.ms.toFixed(0)} ms (GC ${p.gcMs.toFixed(0)}${p.liveMb === undefined ? "" : `, ${p.liveMb.toFixed(0)} MB live`})`,
  );
  if (sagas !== undefined) parts.push(`${sagas} sagas`);
  return parts.join(", ");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, flag] = process.argv.slice(2);
  const result = await measurePhases(dir, flag === "--model-check");
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
