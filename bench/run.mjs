// `pnpm bench`: runs the benchmarks in sequence (see bench/README.md for each one's options).
// `pnpm bench --quick` runs a short version of each: a smoke test, not numbers to report.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const quick = process.argv.includes("--quick");

const benchmarks = [
  { name: "lex + parse", script: "bench/parse.bench.ts", quick: ["--sizes", "1000", "--iterations", "2"] },
  { name: "long fuzz", script: "bench/fuzz-long.ts", quick: ["--cases", "2000"] },
];

let failed = 0;
for (const b of benchmarks) {
  process.stdout.write(`\n== ${b.name} (${b.script})\n`);
  const args = ["tsx", b.script, ...(quick ? b.quick : [])];
  const result = spawnSync("npx", args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
