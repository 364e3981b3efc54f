// The long fuzz run: the properties of packages/dsl/test/fuzz.test.ts (same arbitraries, same
// checks) for 200,000+ cases. Reports cases, failures (with a shrunk counterexample), time,
// and the slowest case — a case slower than --hang-ms counts as a failure (a likely hang).
//
//   npx tsx bench/fuzz-long.ts [--cases 200000] [--seed 1] [--hang-ms 2000]

import * as os from "node:os";
import { parseArgs } from "node:util";
import fc from "fast-check";
import {
  decodeViolations,
  frontEndViolations,
  mutatedFixture,
  randomBytes,
  randomText,
  tokenSoup,
} from "../packages/dsl/test/fuzz-arbitraries.js";

interface Campaign {
  readonly name: string;
  /** Share of the total cases. */
  readonly share: number;
  readonly arbitrary: fc.Arbitrary<unknown>;
  readonly check: (input: unknown) => string[];
}

const campaigns: readonly Campaign[] = [
  { name: "random text", share: 0.25, arbitrary: randomText, check: (t) => frontEndViolations(t as string) },
  { name: "token soup", share: 0.25, arbitrary: tokenSoup, check: (t) => frontEndViolations(t as string) },
  {
    name: "mutated fixtures",
    share: 0.4,
    arbitrary: mutatedFixture,
    check: (t) => frontEndViolations(t as string),
  },
  { name: "raw bytes", share: 0.1, arbitrary: randomBytes, check: (b) => decodeViolations(b as Uint8Array) },
];

interface Outcome {
  readonly name: string;
  readonly cases: number;
  readonly failed: boolean;
  readonly ms: number;
  readonly slowestMs: number;
  readonly counterexample?: string;
}

function run(c: Campaign, cases: number, seed: number, hangMs: number): Outcome {
  let slowestMs = 0;
  const property = fc.property(c.arbitrary, (input) => {
    const start = performance.now();
    const problems = c.check(input);
    const elapsed = performance.now() - start;
    slowestMs = Math.max(slowestMs, elapsed);
    if (elapsed > hangMs) problems.push(`took ${elapsed.toFixed(0)} ms (limit ${hangMs} ms)`);
    if (problems.length > 0) throw new Error(problems.join("\n"));
  });
  const start = performance.now();
  const details = fc.check(property, { numRuns: cases, seed });
  const ms = performance.now() - start;
  return {
    name: c.name,
    cases: details.numRuns,
    failed: details.failed,
    ms,
    slowestMs,
    counterexample: details.failed
      ? `${JSON.stringify(details.counterexample)}\n${String(details.errorInstance)}`.slice(0, 2000)
      : undefined,
  };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      cases: { type: "string", default: "200000" },
      seed: { type: "string", default: "1" },
      "hang-ms": { type: "string", default: "2000" },
    },
  });
  const total = Number(values.cases);
  const seed = Number(values.seed);
  const hangMs = Number(values["hang-ms"]);
  process.stdout.write(
    `front-end fuzz: ${total} cases, seed ${seed}, Node ${process.version}, ${os.cpus().length} CPUs\n`,
  );
  let failures = 0;
  let cases = 0;
  let ms = 0;
  for (const c of campaigns) {
    const outcome = run(c, Math.ceil(total * c.share), seed, hangMs);
    cases += outcome.cases;
    ms += outcome.ms;
    if (outcome.failed) failures++;
    process.stdout.write(
      `${outcome.name.padEnd(17)} ${String(outcome.cases).padStart(7)} cases  ${(outcome.ms / 1000).toFixed(1).padStart(6)} s  slowest ${outcome.slowestMs.toFixed(0).padStart(4)} ms  ${outcome.failed ? "FAILED" : "ok"}\n`,
    );
    if (outcome.counterexample) process.stdout.write(`  counterexample: ${outcome.counterexample}\n`);
  }
  process.stdout.write(
    `total: ${cases} cases, ${failures} failed campaign(s), ${(ms / 1000).toFixed(1)} s\n`,
  );
  if (failures > 0) process.exitCode = 1;
}

main();
