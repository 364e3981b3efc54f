// Every local state one instance can be in, numbered, with its moves precomputed. Instances of a
// saga are copies of one machine, and what one instance does depends on the others only through
// the orchestrator's up/down flag and isolation marks, so the global explorer works on tuples of
// these small numbers and reads tables instead of re-running the rules for every global state.

import { InstanceMachine } from "./semantics.js";
import { PHASE_BACKWARD, PHASE_FORWARD } from "./layout.js";
import type { SagaPlan } from "./plan.js";
import { StateSet } from "./state-set.js";

/** Above this many local states a saga is too large for the explorer (the plan is reported). */
export const MAX_LOCAL_STATES = 1 << 20;

export class LocalSpace {
  readonly machine: InstanceMachine;
  /** Local state blocks, `machine.words` each, by id. */
  private blockWords: Uint32Array;
  readonly count: number;
  readonly stores: number;
  /** Moves of local state `id` while the orchestrator is up: entries [upStart[id], upStart[id + 1]). */
  readonly upStart: Int32Array;
  /** Moves while the orchestrator is down. */
  readonly downStart: Int32Array;
  /** Per move: local action code (kind | step << 9), target id (-1 on a violation), violation, touches. */
  readonly moveAction: Int32Array;
  readonly moveTarget: Int32Array;
  readonly moveViolation: Int32Array;
  readonly moveTouches: Int32Array;
  readonly resumeTarget: Int32Array;
  readonly resumeViolation: Int32Array;
  /** Tracked stores (bit mask) on which the local state exposes an unkeyed write. */
  readonly exposed: Int32Array;
  /** `touchTarget[id * stores + x]`: the state after another instance's unkeyed write on x. */
  readonly touchTarget: Int32Array;
  readonly inFlightRemote: Uint8Array;
  /** Started, unfinished, and without a move while the orchestrator is up. */
  readonly deadlocked: Uint8Array;
  /** Started and unfinished. */
  readonly running: Uint8Array;
  /**
   * No cycle among local states (moves, resumes and isolation marks together). A cycle of global
   * states cannot contain a crash (crashes are counted and never undone), so it projects onto a
   * closed walk of local states in every instance that moves on it: with no local cycle there is
   * no global cycle, no lasso, and termination follows from deadlock freedom.
   */
  readonly acyclic: boolean;
  /**
   * Local states on a cycle of the instance's own moves and the marks others put on it. On a
   * cycle of global states, the instance that moves walks such a cycle, so every global state on
   * it has some instance in a cyclic local state: the lasso search looks only at those.
   */
  readonly cyclic: Uint8Array;

  constructor(readonly plan: SagaPlan) {
    const m = new InstanceMachine(plan);
    this.machine = m;
    const L = m.layout;
    const W = m.words;
    this.blockWords = new Uint32Array(1024 * W);
    let count = 0;
    // Local states by value: a StateSet over the state with a leading 1 (its slots are empty
    // when their first word is 0, and the initial local state is all zeros).
    const ids = new StateSet(W + 1, 1024);
    const key = new Uint32Array(W + 1);
    key[0] = 1;
    this.stores = plan.stores.length;
    const X = this.stores;

    const upStart: number[] = [];
    const downStart: number[] = [];
    const moveAction: number[] = [];
    const moveTarget: number[] = [];
    const moveViolation: number[] = [];
    const moveTouches: number[] = [];
    const resumeTarget: number[] = [];
    const resumeViolation: number[] = [];
    const exposed: number[] = [];
    const touchTarget: number[] = [];
    const inFlight: number[] = [];
    const deadlocked: number[] = [];
    const running: number[] = [];

    const intern = (buf: Uint32Array): number => {
      key.set(buf.subarray(0, W), 1);
      const known = ids.find(key);
      if (known >= 0) return known;
      if (count >= MAX_LOCAL_STATES)
        throw new RangeError(`saga ${plan.saga.name}: more than ${MAX_LOCAL_STATES} local states`);
      if ((count + 1) * W > this.blockWords.length) {
        const bigger = new Uint32Array(this.blockWords.length * 2);
        bigger.set(this.blockWords);
        this.blockWords = bigger;
      }
      this.blockWords.set(buf.subarray(0, W), count * W);
      ids.add(key, -1, -1);
      return count++;
    };
    intern(new Uint32Array(W));

    const record = (kind: number, step: number, v: number, touches: number): void => {
      moveAction.push(kind | (step << 9));
      moveViolation.push(v);
      moveTouches.push(touches);
      moveTarget.push(v === 0 ? intern(m.next) : -1);
    };

    // Interning appends, so this loop also visits every state its moves discover.
    for (let id = 0; id < count; id++) {
      const off = id * W;
      upStart.push(moveAction.length);
      const moves = m.expand(this.blockWords, off, false, record);
      downStart.push(moveAction.length);
      m.expand(this.blockWords, off, true, record);
      const rv = m.resume(this.blockWords, off);
      resumeViolation.push(rv);
      resumeTarget.push(intern(m.next));
      const exp = m.exposedStores(this.blockWords, off);
      exposed.push(exp);
      for (let x = 0; x < X; x++) {
        if ((exp >>> x) & 1) {
          m.touch(this.blockWords, off, x);
          touchTarget.push(intern(m.next));
        } else touchTarget.push(-1);
      }
      inFlight.push(m.inFlightRemote(this.blockWords, off) ? 1 : 0);
      const phase = L.get(this.blockWords.subarray(off, off + W), L.phase);
      const isRunning = phase === PHASE_FORWARD || phase === PHASE_BACKWARD;
      running.push(isRunning ? 1 : 0);
      deadlocked.push(isRunning && moves === 0 ? 1 : 0);
    }
    this.count = count;
    // Moves are recorded per id in order, so the start of id + 1's "up" list ends id's "down" list.
    upStart.push(moveAction.length);
    this.upStart = Int32Array.from(upStart);
    this.downStart = Int32Array.from(downStart);
    this.moveAction = Int32Array.from(moveAction);
    this.moveTarget = Int32Array.from(moveTarget);
    this.moveViolation = Int32Array.from(moveViolation);
    this.moveTouches = Int32Array.from(moveTouches);
    this.resumeTarget = Int32Array.from(resumeTarget);
    this.resumeViolation = Int32Array.from(resumeViolation);
    this.exposed = Int32Array.from(exposed);
    this.touchTarget = Int32Array.from(touchTarget);
    this.inFlightRemote = Uint8Array.from(inFlight);
    this.deadlocked = Uint8Array.from(deadlocked);
    this.running = Uint8Array.from(running);
    // Resumes are left out: a crash is never undone, so no global cycle contains one.
    this.cyclic = onCycle(count, (id, visit) => {
      for (let e = this.upStart[id]; e < this.upStart[id + 1]; e++)
        if (this.moveTarget[e] >= 0) visit(this.moveTarget[e], true);
      // A mark that leaves the instance as it was is no step of the instance.
      for (let x = 0; x < X; x++)
        if (this.touchTarget[id * X + x] >= 0) visit(this.touchTarget[id * X + x], false);
    });
    this.acyclic = this.cyclic.every((c) => c === 0);
  }

  /** The packed block of local state `id`. */
  block(id: number): Uint32Array {
    const W = this.machine.words;
    return this.blockWords.subarray(id * W, id * W + W);
  }
}

/**
 * Marks the nodes on a cycle: members of a strongly connected component with more than one node,
 * or with an edge to itself (iterative Tarjan). A non-move back to itself is no edge.
 */
function onCycle(
  n: number,
  edges: (id: number, visit: (to: number, isMove: boolean) => void) => void,
): Uint8Array {
  const adjacency: number[][] = [];
  const cyclic = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    const out: number[] = [];
    edges(v, (to, isMove) => {
      if (to === v) {
        if (isMove) cyclic[v] = 1;
      } else out.push(to);
    });
    adjacency.push(out);
  }
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const cursor = new Int32Array(n);
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const path = [root];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (path.length > 0) {
      const v = path[path.length - 1];
      if (cursor[v] < adjacency[v].length) {
        const w = adjacency[v][cursor[v]++];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          path.push(w);
        } else if (onStack[w] === 1 && index[w] < low[v]) low[v] = index[w];
        continue;
      }
      path.pop();
      if (path.length > 0) {
        const u = path[path.length - 1];
        if (low[v] < low[u]) low[u] = low[v];
      }
      if (low[v] === index[v]) {
        const members: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          members.push(w);
        } while (w !== v);
        if (members.length > 1) for (const m of members) cyclic[m] = 1;
      }
    }
  }
  return cyclic;
}
