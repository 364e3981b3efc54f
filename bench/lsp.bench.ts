// Language server latency on a generated 1,000-service workspace, driven over stdio by a real
// LSP client (vscode-jsonrpc): after each one-character edit, how long until the server has
// republished the edited file's diagnostics for the new version. The server is the bundle users
// run (packages/lsp/dist/server.mjs, built by scripts/build.mjs), with its default debounce.
//
//   npx tsx bench/lsp.bench.ts [--services 1000] [--edits 200] [--debounce <ms>]
//
// Reported: end-to-end latency (didChange sent → publishDiagnostics received, debounce
// included) at p50/p95/max; in a second pass of up to 50 edits, the latency of a hover sent right
// behind each edit (answered on the server thread while the checker thread re-checks); and the
// server's own time per re-check (archc/published), split into the phases the checker measures.
// The budget is p95 ≤ 50 ms end to end.

import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { LspTestClient } from "../packages/lsp/test/support/lsp-client.js";
import { generateSystem } from "./generate.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const BUDGET_P95_MS = 50;

const { values } = parseArgs({
  options: {
    services: { type: "string", default: "1000" },
    edits: { type: "string", default: "200" },
    debounce: { type: "string" },
    seed: { type: "string", default: "1" },
  },
});
const services = Number(values.services);
const edits = Number(values.edits);

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(xs: readonly number[]): { p50: number; p95: number; max: number; mean: number } {
  const s = [...xs].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    p50: r(percentile(s, 50)),
    p95: r(percentile(s, 95)),
    max: r(s[s.length - 1]),
    mean: r(s.reduce((a, b) => a + b, 0) / s.length),
  };
}

async function main(): Promise<void> {
  const server = path.join(here, "..", "packages/lsp/dist/server.mjs");
  if (!existsSync(server))
    throw new Error("packages/lsp/dist/server.mjs is missing: run `node scripts/build.mjs`");
  const root = path.join(here, "out", `lsp-${services}`);
  rmSync(root, { recursive: true, force: true });
  const system = generateSystem({ services, seed: Number(values.seed) });
  for (const [file, text] of system.files) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  const target = [...system.files.keys()].find((f) => f.startsWith("services/"))!;
  const text = system.files.get(target)!;
  // The edit: one character typed into (and then deleted from) the first `owner "…"` string.
  const anchor = text.indexOf('owner "') + 'owner "'.length;
  const line = text.slice(0, anchor).split("\n").length - 1;
  const character = anchor - (text.lastIndexOf("\n", anchor - 1) + 1);
  const at = { line, character };

  const initializationOptions = {
    reportTimings: true,
    ...(values.debounce !== undefined ? { debounceMs: Number(values.debounce) } : {}),
  };
  const started = performance.now();
  const { client } = await LspTestClient.start(root, {
    command: [process.execPath, server, "--stdio"],
    initializationOptions,
    keepPublishLog: false,
  });
  const timings: { ms: number; phases?: Record<string, number> }[] = [];
  client.connection.onNotification(
    "archc/published",
    (p: { ms: number; phases?: Record<string, number> }) => {
      timings.push(p);
    },
  );
  const uri = client.open(path.join(root, target), text);
  await client.diagnostics(uri, () => true, 120_000);
  const startupMs = performance.now() - started;

  // A hover on the edited service's name, sent right behind each edit: it is answered while
  // the re-check runs (on the checker thread), so its latency shows the server's responsiveness.
  const serviceName = text.indexOf("service ") + "service ".length;
  const hoverAt = {
    line: text.slice(0, serviceName).split("\n").length - 1,
    character: serviceName - (text.lastIndexOf("\n", serviceName - 1) + 1),
  };
  const hovers: number[] = [];
  /** One-character edits, each waited for; with `hover`, a hover is sent right behind each. */
  const measure = async (n: number, hover: boolean): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const insert = i % 2 === 0;
      const t0 = performance.now();
      const version = client.change(uri, [
        insert
          ? { range: { start: at, end: at }, text: "x" }
          : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: "" },
      ]);
      const published = client.nextDiagnostics(uri, (p) => p.version === version, 60_000);
      if (hover) {
        await client.request("textDocument/hover", { textDocument: { uri }, position: hoverAt });
        hovers.push(performance.now() - t0);
      }
      await published;
      out.push(performance.now() - t0);
    }
    return out;
  };
  await measure(20, false); // warm-up: JIT and caches
  timings.length = 0;
  const latencies = await measure(edits, false);
  const serverTimes = timings.map((t) => t.ms);
  const phaseTimings = [...timings];
  await measure(Math.min(edits, 50), true);
  const phases: Record<string, number[]> = {};
  for (const t of phaseTimings)
    for (const [k, v] of Object.entries(t.phases ?? {})) {
      phases[k] = phases[k] ?? [];
      phases[k].push(v);
    }
  await client.stop();

  const endToEnd = summary(latencies);
  const result = {
    services,
    files: system.files.size,
    editedFile: target,
    edits,
    debounceMs: values.debounce !== undefined ? Number(values.debounce) : "server default",
    startupMs: Math.round(startupMs),
    endToEndMs: endToEnd,
    hoverAfterEditMs: summary(hovers),
    serverRecheckMs: summary(serverTimes),
    serverPhasesMs: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, summary(v)])),
    budgetP95Ms: BUDGET_P95_MS,
    withinBudget: endToEnd.p95 <= BUDGET_P95_MS,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await main();
