// Every test file's set-up:
// - property tests run a fixed fast-check seed, so CI runs the same cases every time and a
//   landing is never decided by luck. FC_SEED picks another seed to search more (a failure
//   prints the seed and path that reproduce it); tests that set their own seed keep it.
// - a span the parser made (a TextSpan: offsets and a shared line table, lines and columns
//   computed when read) equals any span with the same seven values, as `sameSpan` has it, so
//   `toEqual` compares spans by what they denote rather than by how they are stored.

import fc from "fast-check";
import { expect } from "vitest";
import { isSpan, sameSpan, TextSpan } from "../packages/dsl/src/span.js";

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20_261_122) });

expect.addEqualityTesters([
  function spanEquality(a: unknown, b: unknown): boolean | undefined {
    if (!(a instanceof TextSpan) && !(b instanceof TextSpan)) return undefined;
    const spans = typeof a === "object" && typeof b === "object" && a !== null && b !== null;
    return spans && isSpan(a) && isSpan(b) ? sameSpan(a, b) : undefined;
  },
]);
