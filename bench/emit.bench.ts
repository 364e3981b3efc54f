// `archc emit all` on the generated 1k-service system: every target (compose, Kubernetes +
// Istio, OpenAPI, AsyncAPI, diagram), timed on a model compiled once. Reports the median of
// several runs, for all targets and for the synchronous ones without the diagram, whose ELK
// layout dominates on large systems. Target on this machine: ≤ 1 s for `emit all` at 1k.
//
//   npx tsx bench/emit.bench.ts [--services 1000] [--runs 5]

import { compileFiles } from "../packages/compiler/src/index.js";
import { emit, emitAsync } from "../packages/emitters/src/index.js";
import { generateSystem } from "./generate.js";

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const services = flag("--services", 1000);
  const runs = flag("--runs", 5);
  const system = generateSystem({ services, seed: 1 });
  const compilation = compileFiles(Object.fromEntries(system.files), "main.arch");
  const errors = compilation.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`the generated system has ${errors.length} compile errors`);

  const timeRuns = async (label: string, once: () => Promise<number>): Promise<void> => {
    await once(); // warm up
    const times: number[] = [];
    let files = 0;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      files = await once();
      times.push(performance.now() - start);
    }
    const ms = median(times);
    process.stdout.write(
      `${label.padEnd(34)} ${String(files).padStart(6)} files  median ${ms.toFixed(0).padStart(6)} ms\n`,
    );
  };

  process.stdout.write(`emit benchmark — ${services} services, Node ${process.version}, median of ${runs}\n`);
  await timeRuns("compose + k8s + openapi + asyncapi", async () => {
    let n = 0;
    for (const t of ["compose", "k8s", "openapi", "asyncapi"] as const)
      n += emit(compilation.model, t).files.size;
    return n;
  });
  await timeRuns(
    "all (with the diagram)",
    async () => (await emitAsync(compilation.model, "all")).files.size,
  );
}

await main();
