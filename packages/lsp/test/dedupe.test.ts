// Deduplicating a compilation's diagnostics: the same result as keeping the first of each
// (file, code, range, message), whether the list is in source order (the fast path) or not.

import { compareDiagnostics, type Diagnostic } from "@archc/dsl";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dedupe } from "../src/workspace/dedupe.js";

const diagnostic = fc
  .record({
    file: fc.constantFrom("a.arch", "b.arch"),
    start: fc.integer({ min: 0, max: 3 }),
    length: fc.integer({ min: 0, max: 2 }),
    code: fc.constantFrom("E1", "shared-store"),
    message: fc.constantFrom("one", "two"),
  })
  .map(
    ({ file, start, length, code, message }): Diagnostic => ({
      code,
      severity: "warning",
      message,
      span: {
        file,
        start,
        end: start + length,
        line: 1,
        col: start + 1,
        endLine: 1,
        endCol: start + length + 1,
      },
      related: [],
    }),
  );

/** The reference: the first of each key, in the list's order. */
function firstOfEachKey(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = JSON.stringify([d.span.file, d.code, d.span.start, d.span.end, d.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

describe("dedupe", () => {
  it("keeps the first of each diagnostic, in order, for lists in source order", () => {
    fc.assert(
      fc.property(fc.array(diagnostic, { maxLength: 40 }), (list) => {
        const sorted = [...list].sort(compareDiagnostics);
        const out = dedupe(sorted);
        expect(out).toEqual(firstOfEachKey(sorted));
        for (let i = 0; i < out.length; i++) expect(out[i]).toBe(firstOfEachKey(sorted)[i]);
      }),
    );
  });

  it("keeps the first of each diagnostic for lists in any order", () => {
    fc.assert(
      fc.property(fc.array(diagnostic, { maxLength: 40 }), (list) => {
        expect(dedupe(list)).toEqual(firstOfEachKey(list));
      }),
    );
  });

  it("tells apart diagnostics that sort equal but end elsewhere", () => {
    const [a, b] = [0, 2].map(
      (length): Diagnostic => ({
        code: "E1",
        severity: "error",
        message: "m",
        span: { file: "a.arch", start: 1, end: 1 + length, line: 1, col: 2, endLine: 1, endCol: 2 + length },
        related: [],
      }),
    );
    expect(dedupe([a, b, a, b])).toEqual([a, b]);
  });
});
