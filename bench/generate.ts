// Deterministic generator of synthetic .arch systems for benchmarks and soak tests: N services
// with types, versioned APIs, calls with policies, stores (and some shared reads), brokers,
// topics and events with producers and consumers, flows, sagas with compensations and a pivot,
// a gateway and deployments. Same `services` and `seed` → byte-identical files.
//
//   npx tsx bench/generate.ts --services 1000 --out bench/out/sys-1k [--seed 1]

import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { planSystem } from "./generator/plan.js";
import {
  renderFlowsAndSagas,
  renderMain,
  renderPlatform,
  renderService,
  renderSharedTypes,
  renderTypes,
} from "./generator/render.js";

/** Services per generated types/services file, so no file nears the 8 MiB limit. */
const SERVICES_PER_FILE = 100;

export interface GenerateOptions {
  readonly services: number;
  readonly seed?: number;
}

export interface GeneratedSystem {
  /** Root-relative path → text; `main.arch` (the entry file, importing all others) first. */
  readonly files: Map<string, string>;
}

export function generateSystem({ services, seed = 1 }: GenerateOptions): GeneratedSystem {
  const plan = planSystem(services, seed);
  const typeFiles: [string, string][] = [["types/shared.arch", renderSharedTypes()]];
  const serviceFiles: [string, string][] = [];
  for (let from = 0; from < plan.services.length; from += SERVICES_PER_FILE) {
    const slice = plan.services.slice(from, from + SERVICES_PER_FILE);
    const n = String(from / SERVICES_PER_FILE).padStart(3, "0");
    typeFiles.push([`types/types-${n}.arch`, slice.map(renderTypes).join("\n")]);
    serviceFiles.push([
      `services/services-${n}.arch`,
      slice.map((s) => renderService(s, plan.services)).join("\n"),
    ]);
  }
  const others: [string, string][] = [
    ...typeFiles,
    ...serviceFiles,
    ["platform.arch", renderPlatform(plan)],
    ["flows.arch", renderFlowsAndSagas(plan)],
  ];
  const files = new Map<string, string>([
    [
      "main.arch",
      renderMain(
        plan,
        others.map(([name]) => name),
      ),
    ],
  ]);
  for (const [name, text] of others) files.set(name, text);
  return { files };
}

/** Total size of a generated system in bytes (UTF-8). */
export function systemBytes(system: GeneratedSystem): number {
  let total = 0;
  for (const text of system.files.values()) total += Buffer.byteLength(text);
  return total;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      services: { type: "string", default: "100" },
      seed: { type: "string", default: "1" },
      out: { type: "string" },
    },
  });
  const services = Number(values.services);
  const seed = Number(values.seed);
  if (!Number.isInteger(services) || services < 1 || !Number.isInteger(seed)) {
    process.stderr.write("usage: npx tsx bench/generate.ts --services N [--seed S] --out DIR\n");
    process.exitCode = 2;
    return;
  }
  const out = values.out ?? path.join("bench", "out", `sys-${services}`);
  const system = generateSystem({ services, seed });
  for (const [name, text] of system.files) {
    const file = path.join(out, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const mb = (systemBytes(system) / 1e6).toFixed(2);
  process.stdout.write(`${system.files.size} files, ${mb} MB → ${path.join(out, "main.arch")}\n`);
}

// Run as a script only when this very file is the entry point (not when imported or bundled).
const entry = process.argv[1];
if (entry && /generate\.[cm]?[jt]s$/.test(entry) && path.resolve(entry) === fileURLToPath(import.meta.url))
  main();
