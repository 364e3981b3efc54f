import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shortestCycleOf, shortestCycleThrough, stronglyConnectedComponents } from "../../src/graph/scc.js";

describe("stronglyConnectedComponents", () => {
  it("finds components and lists them callees first", () => {
    // 0 → 1 → 2 → 0, 2 → 3, 3 → 4 → 3
    const adj = [[1], [2], [0, 3], [4], [3]];
    const c = stronglyConnectedComponents(adj);
    expect(c.components).toEqual([
      [3, 4],
      [0, 1, 2],
    ]);
    expect([...c.componentOf]).toEqual([1, 1, 1, 0, 0]);
  });

  it("handles a 100k-node chain without exhausting the stack", () => {
    const n = 100_000;
    const adj = Array.from({ length: n }, (_, i) => (i + 1 < n ? [i + 1] : [0]));
    const c = stronglyConnectedComponents(adj);
    expect(c.components).toHaveLength(1);
    expect(c.components[0]).toHaveLength(n);
  });

  it("agrees with mutual reachability on random graphs", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }).chain((n) =>
          fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: n }), {
            minLength: n,
            maxLength: n,
          }),
        ),
        (adj) => {
          const n = adj.length;
          const reach = adj.map((_, s) => {
            const seen = new Set([s]);
            const stack = [s];
            while (stack.length > 0) {
              for (const w of adj[stack.pop()!]) {
                if (seen.has(w)) continue;
                seen.add(w);
                stack.push(w);
              }
            }
            return seen;
          });
          const c = stronglyConnectedComponents(adj);
          for (let a = 0; a < n; a++)
            for (let b = 0; b < n; b++)
              expect(c.componentOf[a] === c.componentOf[b]).toBe(reach[a].has(b) && reach[b].has(a));
          // Reverse topological order: an edge never points to a later component.
          for (let v = 0; v < n; v++)
            for (const w of adj[v]) expect(c.componentOf[w]).toBeLessThanOrEqual(c.componentOf[v]);
        },
      ),
    );
  });
});

describe("shortest cycles", () => {
  it("finds the shortest cycle through a node, staying in its component", () => {
    // 0 → 1 → 2 → 0 and 0 → 3 → 0 (shorter)
    const adj = [[1, 3], [2], [0], [0]];
    const c = stronglyConnectedComponents(adj);
    expect(shortestCycleThrough(adj, c, 0)).toEqual([0, 3]);
    expect(shortestCycleThrough(adj, c, 1)).toEqual([1, 2, 0]);
  });

  it("takes the globally shortest cycle of a small component, rotated to its smallest node", () => {
    // 0 → 1 → 2 → 3 → 0 and 2 ↔ 3: the 2-cycle is shortest
    const adj = [[1], [2], [3], [0, 2]];
    const c = stronglyConnectedComponents(adj);
    expect(shortestCycleOf(adj, c, c.components[0])).toEqual([2, 3]);
  });
});
