// `archc emit all` on generated systems: every target (compose, Kubernetes + Istio, OpenAPI,
// AsyncAPI, diagram) timed on a model compiled once, then the real CLI end to end.
//
// What runs is the code users run: this file bundles itself with esbuild (as scripts/build.mjs
// bundles the CLI; tsx would force keepNames and slow closures down) and runs the bundle in a
// fresh `node`. Per size it reports each target and `all` (median of --runs, wall and CPU time:
// the machine is shared, CPU time is the steadier number), then for the largest size the bundled
// CLI (`archc emit all <dir>/main.arch --out <tmp>`) wall time, and in process the same three
// phases the CLI goes through: load + parse + compile, emit, write.
//
// Target on this machine: the emit phase of `all` at 1k services ≤ 1 s (median).
//
//   npx tsx bench/emit.bench.ts [--sizes 300,1000] [--runs 5] [--no-cli] [--check]
//
// --check exits 1 when `all` at the largest size misses the target.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { writeAtomically } from "../packages/cli/src/emit/output-dir.js";
import { compileFiles, compilePaths } from "../packages/compiler/src/index.js";
import { emitAsync, emitTargets } from "../packages/emitters/src/index.js";
import { generateSystem } from "./generate.js";

declare const ARCHC_EMIT_BENCH_BUNDLED: boolean | undefined;

const TARGET_MS = 1000;
const here = path.dirname(fileURLToPath(import.meta.url));
// The bundle runs from bench/out/.
const repo = path.resolve(here, typeof ARCHC_EMIT_BENCH_BUNDLED === "undefined" ? ".." : "../..");
const outDir = path.join(repo, "bench", "out");
const cli = path.join(repo, "packages/cli/dist/archc.mjs");

interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function sample(once: () => Promise<unknown> | unknown): Promise<Sample> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await once();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** Median wall and CPU time of `runs` runs after one warm-up. */
async function timeRuns(runs: number, once: () => Promise<unknown> | unknown): Promise<Sample> {
  await once();
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await sample(once));
  return { wallMs: median(samples.map((s) => s.wallMs)), cpuMs: median(samples.map((s) => s.cpuMs)) };
}

const ms = (x: number): string => `${x.toFixed(0).padStart(6)} ms`;
const line = (label: string, s: Sample, extra = ""): string =>
  `  ${label.padEnd(10)} wall ${ms(s.wallMs)}  cpu ${ms(s.cpuMs)}${extra}\n`;

/** Writes the generated system to bench/out/emit-<n>/ (the same text every time). */
function writeSystem(services: number): string {
  const dir = path.join(outDir, `emit-${services}`);
  rmSync(dir, { recursive: true, force: true });
  for (const [name, text] of generateSystem({ services, seed: 1 }).files) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

async function benchTargets(services: number, runs: number): Promise<Sample> {
  const system = generateSystem({ services, seed: 1 });
  const compilation = compileFiles(Object.fromEntries(system.files), "main.arch");
  const errors = compilation.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`the generated system has ${errors.length} compile errors`);
  process.stdout.write(`${services} services:\n`);
  for (const target of emitTargets) {
    let files = 0;
    const s = await timeRuns(runs, async () => {
      files = (await emitAsync(compilation.model, target)).files.size;
    });
    process.stdout.write(line(target, s, `  ${String(files).padStart(6)} files`));
  }
  let files = 0;
  let bytes = 0;
  const all = await timeRuns(runs, async () => {
    const result = await emitAsync(compilation.model, "all");
    files = result.files.size;
    bytes = 0;
    for (const text of result.files.values()) bytes += text.length;
  });
  process.stdout.write(
    line("all", all, `  ${String(files).padStart(6)} files, ${(bytes / 1e6).toFixed(1)} MB`),
  );
  return all;
}

/** The bundled CLI end to end, and in process the phases it goes through. */
async function benchCli(services: number, runs: number): Promise<void> {
  const built = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: repo, encoding: "utf8" });
  if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
  const dir = writeSystem(services);
  const main = path.join(dir, "main.arch");
  const tmp = mkdtempSync(path.join(os.tmpdir(), "archc-emit-bench-"));
  try {
    const out = path.join(tmp, "out");
    const runCli = (): number => {
      const start = performance.now();
      const r = spawnSync(process.execPath, [cli, "emit", "all", main, "--out", out], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`archc emit failed (${r.status}): ${r.stderr}`);
      return performance.now() - start;
    };
    runCli(); // warm the file cache
    const wall = median(Array.from({ length: runs }, runCli));
    process.stdout.write(
      `archc emit all ${path.relative(repo, main)} --out <tmp> (bundled CLI, ${services} services): ` +
        `wall ${wall.toFixed(0)} ms (median of ${runs})\n`,
    );
    let compilation: ReturnType<typeof compilePaths> | undefined;
    let result: Awaited<ReturnType<typeof emitAsync>> | undefined;
    const compile = await timeRuns(runs, () => {
      compilation = compilePaths([main]);
    });
    const emitted = await timeRuns(runs, async () => {
      result = await emitAsync(compilation!.model, "all");
    });
    const write = await timeRuns(runs, () => writeAtomically(out, result!.files));
    process.stdout.write("  in process, the same phases:\n");
    process.stdout.write(line("compile", compile, "  (load + parse + compile)"));
    process.stdout.write(line("emit", emitted));
    process.stdout.write(line("write", write));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "300,1000" },
      runs: { type: "string", default: "5" },
      "no-cli": { type: "boolean", default: false },
      check: { type: "boolean", default: false },
    },
  });
  const sizes = values.sizes.split(",").map(Number);
  const runs = Number(values.runs);
  process.stdout.write(
    `emit benchmark (bundled), median of ${runs}, ${os.cpus().length} CPUs, ` +
      `load average ${os.loadavg()[0].toFixed(1)}, node ${process.version}\n`,
  );
  const all = new Map<number, Sample>();
  for (const services of sizes) all.set(services, await benchTargets(services, runs));
  if (sizes.length > 1) {
    const [small, large] = [sizes[0], sizes[sizes.length - 1]];
    const ratio = (k: keyof Sample) => (all.get(large)![k] / all.get(small)![k]).toFixed(2);
    process.stdout.write(
      `scaling of all, ${large}/${small} services (${(large / small).toFixed(2)}x the services): ` +
        `wall ${ratio("wallMs")}x, cpu ${ratio("cpuMs")}x\n`,
    );
  }
  const largest = sizes[sizes.length - 1];
  if (!values["no-cli"]) await benchCli(largest, runs);
  const ok = all.get(largest)!.wallMs <= TARGET_MS;
  process.stdout.write(
    `target: emit all at ${largest} services ≤ ${TARGET_MS} ms (median wall) — ${ok ? "met" : "NOT met"}\n`,
  );
  if (values.check && !ok) process.exitCode = 1;
}

/** Bundles this file and runs the bundle in a fresh node with the same arguments. */
async function runBundled(): Promise<void> {
  const { bundleForNode } = await import("./bundle.js");
  const outfile = path.join(outDir, "emit.bench.mjs");
  await bundleForNode({
    entryPoints: [fileURLToPath(import.meta.url)],
    outfile,
    external: ["esbuild"],
    define: { ARCHC_EMIT_BENCH_BUNDLED: "true" },
  });
  const r = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exitCode = r.status ?? 2;
}

if (typeof ARCHC_EMIT_BENCH_BUNDLED === "undefined") await runBundled();
else await main();
