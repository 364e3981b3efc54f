// The packed state set against a Set of strings: same membership, stable indices in insertion
// order, parents and actions kept, across many growths of the table.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StateSet } from "../../src/model-check/state-set.js";

describe("StateSet", () => {
  it("behaves like a set with insertion-order indices, through growth", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 3, maxLength: 3 }), {
          maxLength: 3000,
        }),
        (W, raw) => {
          // Small values make repeats common; the first word keeps its "valid" bit set.
          const states = raw.map((r) =>
            Uint32Array.from(r.slice(0, W), (v, w) => (w === 0 ? (v << 1) | 1 : v)),
          );
          const set = new StateSet(W, 4);
          const oracle = new Map<string, number>();
          states.forEach((s, n) => {
            const key = s.join();
            const idx = set.add(s, n - 1, n);
            if (oracle.has(key)) expect(idx).toBe(-1);
            else {
              expect(idx).toBe(oracle.size);
              oracle.set(key, idx);
            }
          });
          expect(set.size).toBe(oracle.size);
          for (const [key, idx] of oracle) {
            const s = Uint32Array.from(key.split(",").map(Number));
            expect(set.find(s)).toBe(idx);
            expect([...set.states.subarray(idx * W, idx * W + W)]).toEqual([...s]);
          }
          expect(set.find(Uint32Array.from({ length: W }, (_, w) => (w === 0 ? 0xfffffff1 : 0)))).toBe(-1);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("keeps each state's BFS parent and action", () => {
    const set = new StateSet(1, 2);
    for (let v = 1; v <= 99; v += 2) set.add(Uint32Array.of(v), v - 2, v * 10);
    expect(set.size).toBe(50);
    const idx = set.find(Uint32Array.of(41));
    expect(idx).toBe(20);
    expect(set.parent[idx]).toBe(39);
    expect(set.via[idx]).toBe(410);
  });
});
