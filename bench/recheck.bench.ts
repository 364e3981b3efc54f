// The language server's re-check after a one-character edit, in process and phase by phase:
// what bench/lsp.bench.ts measures over stdio, minus the transport and the debounce, so a
// change to one phase shows up without the noise of two processes. The measured code
// (recheck-phases.ts) is bundled with esbuild like the server, and run in a fresh node.
//
//   npx tsx bench/recheck.bench.ts [--services 1000] [--edits 200] [--profile DIR]
//
// --profile writes a V8 CPU profile of the run into DIR (node --cpu-prof).

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generateSystem } from "./generate.js";
import { bundleForNode } from "./bundle.js";

const here = path.dirname(fileURLToPath(import.meta.url));

const { values } = parseArgs({
  options: {
    services: { type: "string", default: "1000" },
    edits: { type: "string", default: "200" },
    profile: { type: "string" },
  },
});

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function main(): Promise<void> {
  const services = Number(values.services);
  const root = path.join(here, "out", `recheck-${services}`);
  if (!existsSync(path.join(root, "main.arch"))) {
    for (const [file, text] of generateSystem({ services, seed: 1 }).files) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
  }
  const entry = path.join(here, "out", "recheck-main.ts");
  writeFileSync(
    entry,
    `import { measureRecheck } from "../recheck-phases.js";\n` +
      `const [root, edits] = process.argv.slice(2);\n` +
      `process.stdout.write(JSON.stringify(measureRecheck(root, Number(edits), 20)));\n`,
  );
  const outfile = path.join(here, "out", "recheck-phases.mjs");
  await bundleForNode({
    entryPoints: [entry],
    outfile,
  });
  const flags = [
    "--expose-gc",
    ...(values.profile ? ["--cpu-prof", `--cpu-prof-dir=${values.profile}`] : []),
  ];
  const run = spawnSync(process.execPath, [...flags, outfile, root, values.edits], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  if (run.status !== 0) throw new Error(`the re-check run failed: ${run.stderr}`);
  const { phases, allocatedPerEdit } = JSON.parse(run.stdout) as {
    phases: Record<string, number[]>;
    allocatedPerEdit: number;
  };
  process.stdout.write(
    `re-check after a one-character edit, ${services} services, ${values.edits} edits (in process, bundled)\n`,
  );
  for (const [phase, xs] of Object.entries(phases)) {
    process.stdout.write(
      `  ${phase.padEnd(8)} p50 ${percentile(xs, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(xs, 95).toFixed(1).padStart(6)} ms\n`,
    );
  }
  process.stdout.write(`  allocated per edit: ${(allocatedPerEdit / 1e6).toFixed(1)} MB (median of 10)\n`);
}

await main();
