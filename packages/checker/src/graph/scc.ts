// Strongly connected components (Tarjan, iterative so a 10k-service chain cannot overflow the
// stack) and a shortest cycle inside one component (breadth-first search).

/** Successor lists by node number; each list in declaration order, without duplicates. */
export type Adjacency = readonly (readonly number[])[];

export interface Components {
  /** The component of each node. */
  readonly componentOf: Int32Array;
  /**
   * The components in the order Tarjan completes them: every component comes after all the
   * components it reaches (reverse topological order). Members sorted by node number.
   */
  readonly components: readonly (readonly number[])[];
}

export function stronglyConnectedComponents(adj: Adjacency): Components {
  const n = adj.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const componentOf = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const components: number[][] = [];
  // Explicit DFS frames: the node and how many of its successors were already visited.
  const frameNode: number[] = [];
  const frameNext: number[] = [];
  let counter = 0;

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    frameNode.push(root);
    frameNext.push(0);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frameNode.length > 0) {
      const top = frameNode.length - 1;
      const v = frameNode[top];
      const succ = adj[v];
      if (frameNext[top] < succ.length) {
        const w = succ[frameNext[top]++];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          frameNode.push(w);
          frameNext.push(0);
        } else if (onStack[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      frameNode.pop();
      frameNext.pop();
      if (frameNode.length > 0) {
        const parent = frameNode[frameNode.length - 1];
        if (low[v] < low[parent]) low[parent] = low[v];
      }
      if (low[v] === index[v]) {
        const members: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          componentOf[w] = components.length;
          members.push(w);
        } while (w !== v);
        members.sort((a, b) => a - b);
        components.push(members);
      }
    }
  }
  return { componentOf, components };
}

/**
 * The shortest cycle through `start` that stays inside `start`'s component, as the list of
 * nodes from `start` (the closing edge back to `start` is implied); undefined if none.
 * Breadth-first, visiting successors in declaration order, so ties resolve deterministically.
 */
export function shortestCycleThrough(adj: Adjacency, comps: Components, start: number): number[] | undefined {
  const comp = comps.componentOf[start];
  const parent = new Map<number, number>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (const w of adj[v]) {
      if (comps.componentOf[w] !== comp) continue;
      if (w === start) {
        const path = [v];
        while (path[path.length - 1] !== start) path.push(parent.get(path[path.length - 1])!);
        return path.reverse();
      }
      if (parent.has(w)) continue;
      parent.set(w, v);
      queue.push(w);
    }
  }
  return undefined;
}

/** Above this size a component's cycle is the shortest through its first member (linear time). */
export const EXACT_SHORTEST_CYCLE_LIMIT = 64;

/**
 * One shortest cycle of a component, rotated to start at its smallest node. Exact for
 * components up to EXACT_SHORTEST_CYCLE_LIMIT members (a search from each member; ties go to
 * the earliest start); for larger ones, the shortest cycle through the first member.
 */
export function shortestCycleOf(adj: Adjacency, comps: Components, members: readonly number[]): number[] {
  const starts = members.length <= EXACT_SHORTEST_CYCLE_LIMIT ? members : members.slice(0, 1);
  let best: number[] | undefined;
  for (const s of starts) {
    const c = shortestCycleThrough(adj, comps, s);
    if (c && (best === undefined || c.length < best.length)) best = c;
    if (best?.length === 1) break;
  }
  if (best === undefined) return [];
  let min = 0;
  for (let i = 1; i < best.length; i++) if (best[i] < best[min]) min = i;
  return [...best.slice(min), ...best.slice(0, min)];
}
