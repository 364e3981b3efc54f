// Termination under weak fairness. A run that never finishes must end in a cycle of the state
// graph. Such a cycle is a counterexample only if it is fair: every weakly fair action that is
// enabled in all of its states is also taken on it. Within one strongly connected component a
// run can visit every state and edge, so a component is fair exactly when each fair action
// enabled throughout it labels one of its internal edges (no recursion needed, unlike strong
// fairness). We find the components with Tarjan's algorithm over the explored states,
// regenerating successors instead of storing edges, and build the shortest-prefix lasso.

import type { Exploration } from "./explore.js";
import type { SagaSpace } from "./saga-space.js";
import { isFair } from "./semantics.js";

export interface LassoEdge {
  readonly action: number;
  readonly state: number;
}

export interface Lasso {
  /** BFS path of state indices from the initial state to the cycle's entry. */
  readonly prefix: readonly number[];
  /** Edges from the entry around the cycle; the last one returns to the entry. */
  readonly cycle: readonly LassoEdge[];
}

/**
 * `restrict` (default true) looks only at states whose running instances are all on local
 * cycles (ProductSystem.mayLieOnFairCycle); false searches every explored state (tests compare
 * the two).
 */
export function findFairLasso(space: SagaSpace, explored: Exploration, restrict = true): Lasso | undefined {
  const n = explored.expanded;
  const set = explored.set;
  const W = space.words;
  const sys = space.product;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const sccOf = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  let sp = 0;
  const frameNode = new Int32Array(n);
  const frameEdge = new Int32Array(n);
  const frameEnd = new Int32Array(n);
  let fp = 0;
  let edges = new Int32Array(1 << 12);
  let edgeTop = 0;
  let counter = 0;
  let sccCount = 0;
  let selfLoop = false;
  let best: { entry: number; scc: number } | undefined;
  let from = 0;

  // Only states whose running instances are all on local cycles can lie on a fair cycle.
  const pushEdge = (): void => {
    if (restrict && !sys.mayLieOnFairCycle(sys.next, 0)) return;
    const w = set.find(sys.next);
    if (w < 0 || w >= n) return;
    if (w === from) {
      selfLoop = true;
      return;
    }
    if (edgeTop === edges.length) {
      const bigger = new Int32Array(edges.length * 2);
      bigger.set(edges);
      edges = bigger;
    }
    edges[edgeTop++] = w;
  };
  const collect = (_action: number, violation: number): void => {
    if (violation === 0) pushEdge();
  };
  const selfLoops = new Set<number>();
  const visit = (v: number): void => {
    index[v] = low[v] = counter++;
    stack[sp++] = v;
    onStack[v] = 1;
    frameNode[fp] = v;
    frameEdge[fp] = edgeTop;
    from = v;
    selfLoop = false;
    sys.expand(set.states, v * W, collect);
    if (selfLoop) selfLoops.add(v);
    frameEnd[fp] = edgeTop;
    fp++;
  };

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1 || (restrict && !sys.mayLieOnFairCycle(set.states, root * W))) continue;
    visit(root);
    while (fp > 0) {
      const f = fp - 1;
      const v = frameNode[f];
      if (frameEdge[f] < frameEnd[f]) {
        const w = edges[frameEdge[f]++];
        if (index[w] === -1) visit(w);
        else if (onStack[w] === 1 && index[w] < low[v]) low[v] = index[w];
        continue;
      }
      fp--;
      // This frame's edges sit right above its parent's.
      edgeTop = f === 0 ? 0 : frameEnd[f - 1];
      if (low[v] === index[v]) {
        const members: number[] = [];
        let w: number;
        do {
          w = stack[--sp];
          onStack[w] = 0;
          sccOf[w] = sccCount;
          members.push(w);
        } while (w !== v);
        if (
          (members.length > 1 || selfLoops.has(v)) &&
          isFairNonTerminating(space, explored, members, sccOf)
        ) {
          const entry = Math.min(...members);
          if (best === undefined || entry < best.entry) best = { entry, scc: sccCount };
        }
        sccCount++;
      }
      if (fp > 0) {
        const u = frameNode[fp - 1];
        if (low[v] < low[u]) low[u] = low[v];
      }
    }
  }
  if (best === undefined) return undefined;
  return buildLasso(space, explored, best.entry, best.scc, sccOf);
}

/** Some instance never finishes inside the component, and the component satisfies weak fairness. */
function isFairNonTerminating(
  space: SagaSpace,
  explored: Exploration,
  members: number[],
  sccOf: Int32Array,
): boolean {
  const W = space.words;
  const states = explored.set.states;
  if (!space.hasRunningInstance(states, members[0] * W)) return false;
  const scc = sccOf[members[0]];
  let alwaysEnabled: Set<number> | undefined;
  const taken = new Set<number>();
  for (const v of members) {
    const enabled = new Set<number>();
    for (const s of space.successors(states, v * W)) {
      if (!isFair(s.action)) continue;
      enabled.add(s.action);
      if (s.violation === 0) {
        const w = explored.set.find(s.state);
        if (w >= 0 && w < sccOf.length && sccOf[w] === scc) taken.add(s.action);
      }
    }
    alwaysEnabled =
      alwaysEnabled === undefined ? enabled : new Set([...alwaysEnabled].filter((a) => enabled.has(a)));
  }
  for (const a of alwaysEnabled ?? []) if (!taken.has(a)) return false;
  return true;
}

/**
 * The shortest path to the component's earliest state, then a cycle through the component that
 * takes every fair action enabled throughout it (so the printed lasso is itself fair).
 */
function buildLasso(
  space: SagaSpace,
  explored: Exploration,
  entry: number,
  scc: number,
  sccOf: Int32Array,
): Lasso {
  const set = explored.set;
  const W = space.words;
  const prefix: number[] = [];
  for (let v = entry; v >= 0; v = set.parent[v]) prefix.push(v);
  prefix.reverse();
  const inScc = (v: number): boolean => v >= 0 && v < sccOf.length && sccOf[v] === scc;
  const edgesOf = (v: number): LassoEdge[] =>
    space
      .successors(set.states, v * W)
      .filter((s) => s.violation === 0)
      .map((s) => ({ action: s.action, state: set.find(s.state) }))
      .filter((e) => inScc(e.state));

  // The fair actions enabled in every state of the component: the cycle must take each.
  let required: Set<number> | undefined;
  for (let v = 0; v < sccOf.length; v++) {
    if (!inScc(v)) continue;
    const fair = new Set(
      space
        .successors(set.states, v * W)
        .filter((s) => isFair(s.action))
        .map((s) => s.action),
    );
    required = required === undefined ? fair : new Set([...required].filter((a) => fair.has(a)));
  }
  const cycle: LassoEdge[] = [];
  let at = entry;
  const todo = new Set(required);
  // BFS inside the component from `start` to the first edge satisfying `goal`.
  const walk = (start: number, goal: (e: LassoEdge) => boolean): LassoEdge[] => {
    const prev = new Map<number, LassoEdge & { from: number }>();
    const queue = [start];
    const seen = new Set([start]);
    for (let q = 0; q < queue.length; q++) {
      const v = queue[q];
      for (const e of edgesOf(v)) {
        if (goal(e)) {
          const path = [e];
          for (let u = v; u !== start; ) {
            const p = prev.get(u)!;
            path.push({ action: p.action, state: p.state });
            u = p.from;
          }
          return path.reverse();
        }
        if (!seen.has(e.state)) {
          seen.add(e.state);
          prev.set(e.state, { ...e, from: v });
          queue.push(e.state);
        }
      }
    }
    throw new Error("internal: a strongly connected component without the required edge");
  };
  while (todo.size > 0) {
    const step = walk(at, (e) => todo.has(e.action));
    for (const e of step) {
      todo.delete(e.action);
      cycle.push(e);
    }
    at = cycle[cycle.length - 1].state;
  }
  if (at !== entry || cycle.length === 0) cycle.push(...walk(at, (e) => e.state === entry));
  return { prefix, cycle };
}
