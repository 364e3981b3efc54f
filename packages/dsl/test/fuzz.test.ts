// Fuzzing the front end: random text, token soup, mutated fixtures and raw bytes. Whatever comes
// in, it returns (no throw, no hang), every diagnostic has a catalogued code, an expected/found
// message and a span inside the file, every AST span agrees with its offsets, and parsing is
// deterministic. `bench/fuzz-long.ts` runs the same properties for 200,000+ cases.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/diagnostic.js";
import { type ParseResult, parseSource } from "../src/parse.js";
import { plainSpan } from "../src/span.js";
import {
  decodeViolations,
  FUZZ_FILE,
  frontEndViolations,
  mutatedFixture,
  parseResultViolations,
  randomBytes,
  randomText,
  tokenSoup,
} from "./fuzz-arbitraries.js";

// A fixed seed keeps CI reproducible; FUZZ_SEED picks another, FUZZ_RUNS scales the run.
const seed = Number(process.env.FUZZ_SEED ?? 20_261_122);
const runs = Number(process.env.FUZZ_RUNS ?? 1_000);

describe("front-end fuzzing", () => {
  it("survives random text", () => {
    fc.assert(
      fc.property(randomText, (text) => {
        expect(frontEndViolations(text)).toEqual([]);
      }),
      { seed, numRuns: runs },
    );
  });

  it("survives token soup", () => {
    fc.assert(
      fc.property(tokenSoup, (text) => {
        expect(frontEndViolations(text)).toEqual([]);
      }),
      { seed, numRuns: runs },
    );
  });

  it("survives mutated fixtures", () => {
    fc.assert(
      fc.property(mutatedFixture, (text) => {
        expect(frontEndViolations(text)).toEqual([]);
      }),
      { seed, numRuns: runs },
    );
  });

  it("survives random and corrupted bytes", () => {
    fc.assert(
      fc.property(randomBytes, (bytes) => {
        expect(decodeViolations(bytes)).toEqual([]);
      }),
      { seed, numRuns: Math.ceil(runs / 2) },
    );
  });

  it("the oracle itself rejects bad codes, messages and spans", () => {
    const text = "service s { port 80000 }";
    const good = parseSource(FUZZ_FILE, text);
    expect(good.diagnostics.map((d) => d.code)).toEqual(["E0117"]);
    expect(parseResultViolations(text, FUZZ_FILE, good)).toEqual([]);
    const d = good.diagnostics[0];
    const span = plainSpan(d.span);
    const broken = (diagnostic: Diagnostic): ParseResult => ({ ...good, diagnostics: [diagnostic] });
    const cases: [Diagnostic, RegExp][] = [
      [{ ...d, code: "E9999" }, /not in the catalogue/],
      [{ ...d, message: "port is wrong" }, /expected\/found/],
      [{ ...d, span: { ...span, end: text.length + 1 } }, /out of bounds/],
      [{ ...d, span: { ...span, col: span.col + 1 } }, /disagree with offsets/],
      [{ ...d, span: { ...span, file: "other.arch" } }, /out of bounds/],
    ];
    for (const [diagnostic, problem] of cases) {
      expect(parseResultViolations(text, FUZZ_FILE, broken(diagnostic)).join("\n")).toMatch(problem);
    }
  });
});
