// Lex + parse throughput on generated systems of 1k and 10k services: warm-up, several timed
// iterations, median reported. Two builds of the same front end are measured:
//   bundled  the esbuild bundle, built the way scripts/build.mjs builds `archc` (what users run)
//   tsx      the TypeScript sources under tsx (what tests and `npx tsx` run; tsx forces esbuild's
//            keepNames, which wraps every inline closure, so it is slower)
// and two paths through it:
//   auto        parseSource: the fast parser for well-formed files, chevrotain otherwise
//   chevrotain  parseSourceChevrotain: the chevrotain parser alone (the path before the fast one)
//
//   npx tsx bench/parse.bench.ts [--sizes 1000,10000] [--iterations 5] [--mode bundled,tsx]
//                                [--path auto,chevrotain]

import { mkdirSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { ParseResult } from "../packages/dsl/src/parse.js";
import { generateSystem, systemBytes } from "./generate.js";
import { bundleForNode } from "./bundle.js";

type ParseFn = (file: string, text: string) => ParseResult;

interface ParseModule {
  readonly parseSource: ParseFn;
  readonly parseSourceChevrotain: ParseFn;
}

function pick(mod: ParseModule, parsePath: string): ParseFn {
  if (parsePath === "chevrotain") return mod.parseSourceChevrotain;
  if (parsePath === "auto") return mod.parseSource;
  throw new Error(`unknown --path ${parsePath} (auto, chevrotain)`);
}

interface Measurement {
  readonly mode: string;
  readonly services: number;
  readonly megabytes: number;
  readonly lines: number;
  /** Wall-clock time per iteration. */
  readonly wall: readonly number[];
  /** CPU time of this process per iteration (user + system, GC threads included): steadier
   * than wall time on a shared machine. */
  readonly cpu: readonly number[];
}

interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Bundles the parser like scripts/build.mjs bundles the CLI, and loads it. */
async function bundledParser(parsePath: string): Promise<ParseFn> {
  const outfile = path.join(here, "out", "parse-bundle.mjs");
  mkdirSync(path.dirname(outfile), { recursive: true });
  await bundleForNode({
    entryPoints: [path.join(here, "..", "packages", "dsl", "src", "parse.ts")],
    outfile,
  });
  return pick((await import(pathToFileURL(outfile).href)) as ParseModule, parsePath);
}

async function tsxParser(parsePath: string): Promise<ParseFn> {
  return pick(await import("../packages/dsl/src/parse.js"), parsePath);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Parses every file once; returns the elapsed time. Fails loudly on any diagnostic. */
function parseAll(parse: ParseFn, files: readonly [string, string][]): Timing {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let diagnostics = 0;
  for (const [file, text] of files) diagnostics += parse(file, text).diagnostics.length;
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  if (diagnostics > 0) throw new Error(`the generated system has ${diagnostics} parse diagnostics`);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

function measure(mode: string, parse: ParseFn, services: number, iterations: number): Measurement {
  const system = generateSystem({ services, seed: 1 });
  const files = [...system.files];
  const megabytes = systemBytes(system) / 1e6;
  const lines = files.reduce((n, [, text]) => n + text.split("\n").length, 0);
  // Warm-up: let the JIT settle on the hot paths before timing.
  for (let i = 0; i < 2; i++) parseAll(parse, files);
  const timings: Timing[] = [];
  for (let i = 0; i < iterations; i++) timings.push(parseAll(parse, files));
  return {
    mode,
    services,
    megabytes,
    lines,
    wall: timings.map((t) => t.wall),
    cpu: timings.map((t) => t.cpu),
  };
}

const COLUMNS = [
  "mode",
  "svcs",
  "size",
  "lines",
  "wall median",
  "wall MB/s",
  "cpu median",
  "cpu MB/s",
  "best MB/s",
];
const WIDTHS = [18, 6, 9, 7, 12, 10, 11, 9, 10];

function row(cells: readonly string[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(WIDTHS[i]) : c.padStart(WIDTHS[i]))).join("  ");
}

function report(m: Measurement): string {
  const speed = (ms: number) => `${(m.megabytes / (ms / 1000)).toFixed(1)}`;
  return row([
    m.mode,
    `${m.services}`,
    `${m.megabytes.toFixed(2)} MB`,
    `${m.lines}`,
    `${median([...m.wall]).toFixed(0)} ms`,
    speed(median([...m.wall])),
    `${median([...m.cpu]).toFixed(0)} ms`,
    speed(median([...m.cpu])),
    speed(Math.min(...m.cpu)),
  ]);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "1000,10000" },
      iterations: { type: "string", default: "5" },
      mode: { type: "string", default: "bundled,tsx" },
      path: { type: "string", default: "auto,chevrotain" },
    },
  });
  const sizes = values.sizes.split(",").map(Number);
  const iterations = Number(values.iterations);
  const modes = values.mode.split(",");
  process.stdout.write(
    `lex+parse benchmark — Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), target ≥ 10 MB/s\n`,
  );
  process.stdout.write(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}\n${row(COLUMNS)}\n`,
  );
  for (const mode of modes) {
    for (const parsePath of values.path.split(",")) {
      const parse = mode === "tsx" ? await tsxParser(parsePath) : await bundledParser(parsePath);
      for (const services of sizes) {
        // Fewer timed runs for the large system keep the whole benchmark near a minute.
        const runs = services >= 10_000 ? Math.max(3, Math.ceil(iterations / 2)) : iterations;
        process.stdout.write(`${report(measure(`${mode}/${parsePath}`, parse, services, runs))}\n`);
      }
    }
  }
}

await main();
