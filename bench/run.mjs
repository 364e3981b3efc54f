// `pnpm bench`: runs the benchmarks in sequence (see bench/README.md for each one's options).
// `pnpm bench --quick` runs a short version of each: a smoke test, not numbers to report.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const quick = process.argv.includes("--quick");

const benchmarks = [
  { name: "lex + parse", script: "bench/parse.bench.ts", quick: ["--sizes", "1000", "--iterations", "2"] },
  { name: "long fuzz", script: "bench/fuzz-long.ts", quick: ["--cases", "2000"] },
  { name: "compile", script: "bench/compile.bench.ts", quick: ["--sizes", "1000", "--iterations", "2"] },
  { name: "archc check", script: "bench/check.bench.ts", quick: ["--sizes", "1000", "--runs", "1"] },
  { name: "saga model checker", script: "bench/model-check.bench.ts", quick: ["--max-states", "200000"] },
  { name: "archc emit all", script: "bench/emit.bench.ts", quick: [] },
  {
    name: "language server re-check, in process",
    script: "bench/recheck.bench.ts",
    quick: ["--services", "100", "--edits", "20"],
  },
  { name: "language server", script: "bench/lsp.bench.ts", quick: ["--services", "100", "--edits", "20"] },
].filter((b) => existsSync(path.join(root, b.script)));

let failed = 0;
for (const b of benchmarks) {
  process.stdout.write(`\n== ${b.name} (${b.script})\n`);
  const args = ["tsx", b.script, ...(quick ? b.quick : [])];
  const result = spawnSync("npx", args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
