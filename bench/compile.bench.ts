// Compile throughput on generated systems of 1k and 10k services, and how it grows: the
// compiler must stay near-linear (10k/1k ≤ 12). Two measurements per size:
//   stage  compileWorkspace on a loaded workspace: names, types, flows, sagas, events, the
//          indexes and the deep freeze (the compiler's own work)
//   total  compileFiles from in-memory text: load + lex + parse + compile
// Each is reported as CPU time of this process (user + system, all its threads, so GC helper
// threads count) and as wall time. The ratio uses CPU time: on a shared machine wall time
// mostly measures the other tenants. Measured on the esbuild bundle (what `archc` runs) and,
// with --mode tsx, on the sources.
//
//   npx tsx bench/compile.bench.ts [--sizes 1000,10000] [--iterations 5] [--mode bundled,tsx] [--check]
//
// --check exits 1 when the stage's 10k/1k ratio exceeds the target.
//
// --incremental measures what the language server does instead: the workspace is loaded with a
// parse cache (unchanged files keep their ASTs), then the one-character edit of
// bench/lsp.bench.ts — a character typed into the first `owner "…"` string of the first
// services file, then deleted — is applied --edits times (default 40), each followed by a
// reload (parse of the edited file) and `compileIncremental` on the previous compilation.
// Reported: median/p95 CPU and wall of the compile step and of the reload, and the reuse
// counts of the last edit. Target: compile median ≤ 20 ms at 1k.
//
//   npx tsx bench/compile.bench.ts --incremental [--sizes 1000] [--edits 40] [--mode bundled]

import { mkdirSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type * as Compiler from "../packages/compiler/src/index.js";
import type * as Dsl from "../packages/dsl/src/index.js";
import { generateSystem, systemBytes } from "./generate.js";
import { bundleForNode } from "./bundle.js";

type CompilerApi = Pick<
  typeof Compiler,
  "compileFiles" | "compileWorkspace" | "compileIncremental" | "reuseStats" | "memoryHost" | "MEMORY_ROOT"
> &
  Pick<typeof Dsl, "loadWorkspace">;

const TARGET_RATIO = 12;
const TARGET_INCREMENTAL_MS = 20;

// Each timed run starts from a collected heap, so it pays for its own garbage only, not for
// what the previous run left behind.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;
const here = path.dirname(fileURLToPath(import.meta.url));

async function bundledCompiler(): Promise<CompilerApi> {
  const outfile = path.join(here, "out", "compile-bundle.mjs");
  mkdirSync(path.dirname(outfile), { recursive: true });
  const packages = path.join(here, "..", "packages");
  await bundleForNode({
    // The compiler plus the loader the language server drives it with.
    stdin: {
      contents: [
        `export * from ${JSON.stringify(path.join(packages, "compiler", "src", "index.ts"))};`,
        `export { loadWorkspace } from ${JSON.stringify(path.join(packages, "dsl", "src", "index.ts"))};`,
      ].join("\n"),
      resolveDir: here,
      loader: "ts",
    },
    outfile,
  });
  return (await import(pathToFileURL(outfile).href)) as CompilerApi;
}

async function tsxCompiler(): Promise<CompilerApi> {
  const [compiler, dsl] = await Promise.all([
    import("../packages/compiler/src/index.js"),
    import("../packages/dsl/src/index.js"),
  ]);
  return { ...compiler, loadWorkspace: dsl.loadWorkspace };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Measurement {
  readonly mode: string;
  readonly services: number;
  readonly megabytes: number;
  readonly ops: number;
  readonly stageCpuMs: number;
  readonly stageWallMs: number;
  readonly totalCpuMs: number;
  readonly totalWallMs: number;
}

/** Runs `f` `runs` times from a collected heap; median CPU and wall milliseconds. */
function time(runs: number, f: () => void): { cpu: number; wall: number } {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    collectGarbage();
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    f();
    wall.push(performance.now() - w0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { cpu: median(cpu), wall: median(wall) };
}

function measure(mode: string, api: CompilerApi, services: number, iterations: number): Measurement {
  const system = generateSystem({ services, seed: 1 });
  const files = Object.fromEntries(system.files);
  const first = api.compileFiles(files, "main.arch");
  if (first.diagnostics.length > 0) {
    const d = first.diagnostics[0];
    throw new Error(
      `the generated ${services}-service system has ${first.diagnostics.length} diagnostics, e.g. ${d.code} ${d.span.file}:${d.span.line}: ${d.message}`,
    );
  }
  const ws = first.workspace;
  // Warm-up: let the JIT settle on the hot paths before timing.
  for (let i = 0; i < 2; i++) api.compileWorkspace(ws);
  const stage = time(iterations, () => api.compileWorkspace(ws));
  const total = time(Math.max(1, Math.ceil(iterations / 2)), () => api.compileFiles(files, "main.arch"));
  return {
    mode,
    services,
    megabytes: systemBytes(system) / 1e6,
    ops: Object.keys(first.model.ops).length,
    stageCpuMs: stage.cpu,
    stageWallMs: stage.wall,
    totalCpuMs: total.cpu,
    totalWallMs: total.wall,
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** CPU and wall milliseconds of one call. */
function timeOnce<T>(f: () => T): { cpu: number; wall: number; result: T } {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const result = f();
  const wall = performance.now() - w0;
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall, result };
}

/** The language server's loop: one-character edits, each reloaded and compiled incrementally. */
function measureIncremental(mode: string, api: CompilerApi, services: number, edits: number): boolean {
  const files = Object.fromEntries(generateSystem({ services, seed: 1 }).files);
  const target = Object.keys(files).find((f) => f.startsWith("services/"));
  if (target === undefined) throw new Error("the generated system has no services file");
  const original = files[target];
  const anchor = original.indexOf('owner "') + 'owner "'.length;
  const edited = `${original.slice(0, anchor)}x${original.slice(anchor)}`;
  const cache = new Map<string, Dsl.ParsedFile>();
  const entries = Object.keys(files)
    .sort()
    .map((f) => path.resolve(api.MEMORY_ROOT, f));
  const load = () =>
    api.loadWorkspace(entries, { root: api.MEMORY_ROOT, host: api.memoryHost(files), cache });
  let previous = api.compileIncremental(undefined, load());
  if (previous.diagnostics.length > 0) throw new Error(`the generated system has diagnostics`);
  const compileCpu: number[] = [];
  const compileWall: number[] = [];
  const loadCpu: number[] = [];
  // Warm-up edits are not counted: the JIT settles on the incremental paths first.
  const warmup = 6;
  for (let i = 0; i < edits + warmup; i++) {
    files[target] = i % 2 === 0 ? edited : original;
    const loaded = timeOnce(load);
    const compiled = timeOnce(() => api.compileIncremental(previous, loaded.result));
    previous = compiled.result;
    if (i < warmup) continue;
    loadCpu.push(loaded.cpu);
    compileCpu.push(compiled.cpu);
    compileWall.push(compiled.wall);
  }
  const stats = api.reuseStats(previous);
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const ok = median(compileCpu) <= TARGET_INCREMENTAL_MS;
  process.stdout.write(
    [
      `${mode} ${services} services, ${edits} edits of ${target}:`,
      `  compile  cpu median ${ms(median(compileCpu))}  p95 ${ms(percentile(compileCpu, 95))}` +
        `   wall median ${ms(median(compileWall))}  p95 ${ms(percentile(compileWall, 95))}`,
      `  reload   cpu median ${ms(median(loadCpu))}  p95 ${ms(percentile(loadCpu, 95))}`,
      `  reuse of the last edit: ${JSON.stringify(stats)}`,
      `  target: compile cpu median ≤ ${TARGET_INCREMENTAL_MS} ms: ${ok ? "met" : "MISSED"}`,
    ].join("\n") + "\n",
  );
  return ok;
}

function row(m: Measurement): string {
  return [
    m.mode.padEnd(8),
    `${m.services}`.padStart(6),
    `${m.megabytes.toFixed(2)} MB`.padStart(9),
    `${m.ops}`.padStart(7),
    `${m.stageCpuMs.toFixed(0)} ms`.padStart(10),
    `${m.stageWallMs.toFixed(0)} ms`.padStart(10),
    `${m.totalCpuMs.toFixed(0)} ms`.padStart(10),
    `${m.totalWallMs.toFixed(0)} ms`.padStart(10),
  ].join("  ");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "1000,10000" },
      iterations: { type: "string", default: "5" },
      mode: { type: "string", default: "bundled" },
      check: { type: "boolean", default: false },
      incremental: { type: "boolean", default: false },
      edits: { type: "string", default: "40" },
    },
  });
  if (values.incremental) {
    let failed = false;
    for (const mode of values.mode.split(",")) {
      const api = mode === "tsx" ? await tsxCompiler() : await bundledCompiler();
      const sizes = values.sizes === "1000,10000" ? [1000] : values.sizes.split(",").map(Number);
      for (const services of sizes) failed ||= !measureIncremental(mode, api, services, Number(values.edits));
    }
    if (values.check && failed) process.exitCode = 1;
    return;
  }
  const sizes = values.sizes.split(",").map(Number);
  const iterations = Number(values.iterations);
  process.stdout.write(
    `compile benchmark — Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), target 10k/1k ≤ ${TARGET_RATIO}\n`,
  );
  process.stdout.write(
    `${"mode".padEnd(8)}  ${"svcs".padStart(6)}  ${"size".padStart(9)}  ${"ops".padStart(7)}  ${"stage cpu".padStart(10)}  ${"stage wall".padStart(10)}  ${"total cpu".padStart(10)}  ${"total wall".padStart(10)}\n`,
  );
  let failed = false;
  for (const mode of values.mode.split(",")) {
    const api = mode === "tsx" ? await tsxCompiler() : await bundledCompiler();
    const results: Measurement[] = [];
    for (const services of sizes) {
      // Short runs are the noisiest: more of them for the small system, fewer for the large one.
      const runs = services >= 10_000 ? Math.max(3, Math.ceil(iterations / 2)) : iterations * 2;
      const m = measure(mode, api, services, runs);
      results.push(m);
      process.stdout.write(`${row(m)}\n`);
    }
    const small = results.find((m) => m.services === 1000);
    const large = results.find((m) => m.services === 10_000);
    if (small && large) {
      const stage = large.stageCpuMs / small.stageCpuMs;
      const total = large.totalCpuMs / small.totalCpuMs;
      const ok = stage <= TARGET_RATIO;
      failed ||= !ok;
      process.stdout.write(
        `${mode}: 10k/1k CPU-time ratio — stage ${stage.toFixed(1)}, total ${total.toFixed(1)} (target ≤ ${TARGET_RATIO}: ${ok ? "met" : "MISSED"})\n`,
      );
    }
  }
  if (values.check && failed) process.exitCode = 1;
}

await main();
