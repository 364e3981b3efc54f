// `archc check` end to end on generated systems of 1k and 10k services: wall time and peak RSS
// of the bundled CLI (`archc check DIR --format json --output FILE`, what CI runs), the median
// of a few runs; then, in a process of its own on the same code bundled, where the time goes
// (load + parse, compile, rules, model checker), how much of each phase is garbage collection
// and how much heap is live after it (check-phases.ts); and what the rules cost the language
// server after a one-character edit (in process, from source: incremental compile, with and
// without the memo).
//
// Target on this machine: 10k services ≤ 2 s wall and ≤ 500 MB peak RSS.
//
//   npx tsx bench/check.bench.ts [--sizes 1000,10000] [--runs 3] [--no-model-check] [--check]
//
// --check exits 1 when the largest size misses the target. Peak RSS comes from GNU time
// (/usr/bin/time -f %M); without it only wall time is measured.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { checkModel, RuleMemo } from "../packages/checker/src/index.js";
import { compileIncremental } from "../packages/compiler/src/index.js";
import { diskHost, expandEntries, loadWorkspace, type ParsedFile } from "../packages/dsl/src/index.js";
import { describePhases, type Phases } from "./check-phases.js";
import { generateSystem, systemBytes } from "./generate.js";
import { bundleForNode } from "./bundle.js";

const TARGET_MS = 2000;
const TARGET_RSS_MB = 500;
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, "..");
const bin = path.join(repo, "packages/cli/bin/archc.mjs");
const TIME = "/usr/bin/time";

interface Run {
  readonly wallMs: number;
  readonly rssMb?: number;
  readonly status: number | null;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Writes the generated system to bench/out/check-<n>/ (deterministic: same text every time). */
function writeSystem(services: number): { dir: string; megabytes: number } {
  const dir = path.join(here, "out", `check-${services}`);
  rmSync(dir, { recursive: true, force: true });
  const system = generateSystem({ services, seed: 1 });
  for (const [name, text] of system.files) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return { dir, megabytes: systemBytes(system) / 1e6 };
}

function runCli(dir: string, modelCheck: boolean): Run {
  const args = [
    bin,
    "check",
    dir,
    "--format",
    "json",
    "--output",
    path.join(os.tmpdir(), "archc-check-bench.json"),
  ];
  if (!modelCheck) args.push("--no-model-check");
  const timed = existsSync(TIME);
  const start = performance.now();
  const r = timed
    ? spawnSync(TIME, ["-f", "archc-bench-rss %M", process.execPath, ...args], { encoding: "utf8" })
    : spawnSync(process.execPath, args, { encoding: "utf8" });
  const wallMs = performance.now() - start;
  if (r.status === 2 || r.status === null) throw new Error(`archc check failed: ${r.stderr}`);
  const rss = /archc-bench-rss (\d+)/.exec(r.stderr ?? "");
  return { wallMs, rssMb: rss ? Number(rss[1]) / 1024 : undefined, status: r.status };
}

/**
 * The phase breakdown, bundled like the CLI so it runs the same code, each measurement in a
 * process of its own (with `--expose-gc`, for the heap live after each phase).
 */
async function bundledPhases(): Promise<(dir: string, modelCheck: boolean) => Phases> {
  const outfile = path.join(here, "out", "check-phases.mjs");
  await bundleForNode({
    entryPoints: [path.join(here, "check-phases.ts")],
    outfile,
  });
  return (dir, modelCheck) => {
    const args = ["--expose-gc", outfile, dir, ...(modelCheck ? ["--model-check"] : [])];
    const r = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`phases failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as Phases;
  };
}

/**
 * The language server's re-check after a one-character edit (typed into, then deleted from, a
 * service's `owner` string): CPU ms of the rules on a Model from `compileIncremental`, without
 * and with a RuleMemo that saw the previous round; medians of `rounds`.
 */
function recheckAfterEdit(dir: string, rounds: number): { full: number; memo: number } {
  const files = expandEntries([dir]);
  const target = files.find((f) => f.includes(`${path.sep}services${path.sep}`)) ?? files[0];
  const original = diskHost.read(target, path.basename(target));
  if (!original.ok) throw new Error(`cannot read ${target}`);
  let text = original.text;
  const host = {
    read: (abs: string, file: string) =>
      abs === target ? { ok: true as const, text } : diskHost.read(abs, file),
  };
  const cache = new Map<string, ParsedFile>();
  const load = () => loadWorkspace(files, { root: dir, host, cache });
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const memo = new RuleMemo();
  let previous = compileIncremental(undefined, load());
  checkModel(previous, { memo });
  const at = original.text.indexOf('owner "') + 'owner "'.length;
  const full: number[] = [];
  const memoised: number[] = [];
  for (let i = 0; i < rounds; i++) {
    text = i % 2 === 0 ? `${original.text.slice(0, at)}x${original.text.slice(at)}` : original.text;
    const compiled = compileIncremental(previous, load());
    let t = cpu();
    checkModel(compiled);
    full.push(cpu() - t);
    t = cpu();
    checkModel(compiled, { memo });
    memoised.push(cpu() - t);
    previous = compiled;
  }
  return { full: median(full), memo: median(memoised) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "1000,10000" },
      runs: { type: "string", default: "3" },
      "no-model-check": { type: "boolean", default: false },
      check: { type: "boolean", default: false },
    },
  });
  const sizes = values.sizes.split(",").map(Number);
  const runs = Number(values.runs);
  const modelCheck = !values["no-model-check"];
  const built = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: repo, encoding: "utf8" });
  if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
  const phases = await bundledPhases();
  process.stdout.write(
    `archc check end to end (bundled CLI, ${modelCheck ? "with" : "without"} the model checker; ` +
      "phases in a process of their own on the same bundle), " +
      `${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}, node ${process.version}\n`,
  );
  let last: { wallMs: number; rssMb?: number } | undefined;
  for (const services of sizes) {
    const { dir, megabytes } = writeSystem(services);
    runCli(dir, modelCheck); // warm the file cache
    const measured = Array.from({ length: runs }, () => runCli(dir, modelCheck));
    const wallMs = median(measured.map((m) => m.wallMs));
    const rss = measured.map((m) => m.rssMb).filter((x): x is number => x !== undefined);
    const rssMb = rss.length > 0 ? Math.max(...rss) : undefined;
    const split = describePhases(phases(dir, modelCheck));
    process.stdout.write(
      `${String(services).padStart(6)} services (${megabytes.toFixed(1)} MB): ` +
        `wall ${wallMs.toFixed(0)} ms (median of ${runs}), peak RSS ${rssMb === undefined ? "n/a" : `${rssMb.toFixed(0)} MB`}; ` +
        `phases: ${split}\n`,
    );
    const recheck = recheckAfterEdit(dir, 8);
    process.stdout.write(
      `${String(services).padStart(6)} services: rules after a one-character edit (incremental compile), CPU: ` +
        `${recheck.full.toFixed(0)} ms full, ${recheck.memo.toFixed(0)} ms with the language server's RuleMemo\n`,
    );
    last = { wallMs, rssMb };
  }
  if (last) {
    const ok = last.wallMs <= TARGET_MS && (last.rssMb === undefined || last.rssMb <= TARGET_RSS_MB);
    process.stdout.write(
      `target for ${sizes[sizes.length - 1]} services: ≤ ${TARGET_MS} ms and ≤ ${TARGET_RSS_MB} MB — ${ok ? "met" : "NOT met"}\n`,
    );
    if (values.check && !ok) process.exitCode = 1;
  }
}

await main();
