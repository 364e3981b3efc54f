// Round-trip laws of the formatter over random syntax trees: printing a tree and parsing the
// text gives the tree back (modulo spans), and formatting is idempotent.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatAst, formatSource } from "../src/format/index.js";
import { parseSource } from "../src/parse.js";
import { GENERATED_FILE, sourceFile, stripSpans } from "./format-arbitrary.js";

// Modest by default to keep CI fast; FORMAT_RUNS=20000 for a soak.
const RUNS = Number(process.env.FORMAT_RUNS ?? 200);

describe("formatter round-trip on generated trees", () => {
  it("parse(print(ast)) equals ast modulo spans", () => {
    fc.assert(
      fc.property(sourceFile, (ast) => {
        const text = formatAst(ast);
        const parsed = parseSource(GENERATED_FILE, text);
        expect(parsed.diagnostics, text).toEqual([]);
        expect(stripSpans(parsed.ast), text).toEqual(stripSpans(ast));
      }),
      { numRuns: RUNS },
    );
  });

  it("formats its own output to the same text", () => {
    fc.assert(
      fc.property(sourceFile, (ast) => {
        const text = formatAst(ast);
        const again = formatSource(GENERATED_FILE, text);
        expect(again.diagnostics).toEqual([]);
        expect(again.text).toBe(text);
        expect(again.changed).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });
});
