// Where `archc check`'s time goes, phase by phase; bundled by bench/check.bench.ts with esbuild
// so it runs the same code the CLI runs.

import { checkModel } from "../packages/checker/src/index.js";
import { compileWorkspace } from "../packages/compiler/src/index.js";
import { expandEntries, loadWorkspace } from "../packages/dsl/src/index.js";

export function measurePhases(dir: string, modelCheck: boolean): Record<string, number> {
  const t0 = performance.now();
  const ws = loadWorkspace(expandEntries([dir]));
  const t1 = performance.now();
  const compilation = compileWorkspace(ws);
  const t2 = performance.now();
  checkModel(compilation);
  const t3 = performance.now();
  const out: Record<string, number> = { "load+parse": t1 - t0, compile: t2 - t1, rules: t3 - t2 };
  if (modelCheck) {
    const t4 = performance.now();
    const r = checkModel(compilation, { modelCheck: {} });
    out["model check"] = performance.now() - t4 - out.rules;
    out.sagas = r.modelCheck?.sagas.length ?? 0;
  }
  return out;
}
