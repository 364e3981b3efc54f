// Longest paths over the synchronous call graph. Edges inside a strongly connected component
// are left out (sync-cycle reports those), so what remains is acyclic and one pass over the
// components in Tarjan's order (callees before callers) computes every node's best path in
// linear time.

import type { CallEdge, CallGraph } from "./analyses.js";
import type { Components } from "./scc.js";

export interface BestPaths {
  /** The best value of a path starting at each node (1 for "no onward edge" when multiplying). */
  readonly value: Float64Array;
  /** The first edge of that best path, or undefined where the path ends. */
  readonly next: readonly (CallEdge | undefined)[];
}

/**
 * For every node, the path leaving it that maximises `combine(weight(edge), best(edge.to))`.
 * `start` is a path's value at its end. Ties go to the callee declared first.
 */
export function bestPaths(
  g: CallGraph,
  comps: Components,
  start: number,
  weight: (e: CallEdge) => number,
  combine: (edgeWeight: number, rest: number) => number,
): BestPaths {
  const n = g.names.length;
  const value = new Float64Array(n).fill(start);
  const next: (CallEdge | undefined)[] = new Array(n).fill(undefined);
  for (const members of comps.components) {
    for (const v of members) {
      const comp = comps.componentOf[v];
      for (const e of g.edges[v]) {
        if (comps.componentOf[e.to] === comp) continue;
        const candidate = combine(weight(e), value[e.to]);
        if (candidate > value[v]) {
          value[v] = candidate;
          next[v] = e;
        }
      }
    }
  }
  return { value, next };
}

/** The edges of the best path from `from`, in order. */
export function pathEdges(paths: BestPaths, from: number): CallEdge[] {
  const out: CallEdge[] = [];
  for (let e = paths.next[from]; e !== undefined; e = paths.next[e.to]) out.push(e);
  return out;
}

/** Whether a node has a caller outside its own component. */
export function hasOutsideCaller(g: CallGraph, comps: Components, v: number): boolean {
  return g.callersOf[v].some((u) => comps.componentOf[u] !== comps.componentOf[v]);
}
