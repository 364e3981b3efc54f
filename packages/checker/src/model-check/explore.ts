// Breadth-first exploration of the packed state space. BFS order makes the first violation of
// each kind the one with the shortest trace. Violating successors are recorded, not expanded:
// what happens after a property broke is not informative.

import type { Emit } from "./product.js";
import { StateSet } from "./state-set.js";

/** What the explorer needs of a transition system over packed states. */
export interface TransitionSystem {
  readonly words: number;
  readonly next: Uint32Array;
  initial(out: Uint32Array): void;
  expand(src: Uint32Array, off: number, emit: Emit): number;
}

export interface ViolationHit {
  /** Violation code (kind | step << 3). */
  readonly code: number;
  /** The state the violating transition leaves. */
  readonly parent: number;
  readonly action: number;
}

export interface DeadlockHit {
  readonly state: number;
  /** Bit mask of the deadlocked instances. */
  readonly instances: number;
}

export interface ExploreProgress {
  readonly distinctStates: number;
  readonly statesExplored: number;
  readonly queued: number;
  readonly elapsedMs: number;
}

export interface ExploreOptions {
  readonly maxStates: number;
  readonly onProgress?: (p: ExploreProgress) => void;
  /** First progress report after this long (ms); then every `progressEveryMs`. */
  readonly progressAfterMs?: number;
  readonly progressEveryMs?: number;
}

export interface Exploration {
  readonly set: StateSet;
  /** States whose successors were all generated: indices [0, expanded). */
  readonly expanded: number;
  /** Successors generated, counting repeats (TLC's "states generated"), plus the initial state. */
  readonly generated: number;
  readonly bounded: boolean;
  readonly elapsedMs: number;
  /** CPU time of this process during the exploration (ms): the honest measure on a busy machine. */
  readonly cpuMs: number;
  /** The first (shortest) hit per violation code. */
  readonly violations: readonly ViolationHit[];
  /** The first (shortest) deadlock, if any. */
  readonly deadlock?: DeadlockHit;
}

/** Successors are inserted in batches of about this many (see StateSet.prefetch). */
const BATCH = 512;

export function explore(machine: TransitionSystem, opts: ExploreOptions): Exploration {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const progressAfter = opts.progressAfterMs ?? 1000;
  const progressEvery = opts.progressEveryMs ?? 1000;
  let nextProgress = start + progressAfter;
  const W = machine.words;
  const set = new StateSet(W);
  const next = machine.next;
  const scratch = new Uint32Array(W);
  machine.initial(scratch);
  set.add(scratch, -1, -1);
  let generated = 1;
  let bounded = false;
  const seen = new Set<number>();
  const violations: ViolationHit[] = [];
  let deadlock: DeadlockHit | undefined;
  let head = 0;
  let current = 0;
  const maxStates = opts.maxStates;
  // Successors wait here, in emission order, so their hash slots can be read together.
  let batch = new Uint32Array(2 * BATCH * W);
  let batchParent = new Int32Array(2 * BATCH);
  let batchVia = new Int32Array(2 * BATCH);
  let hashes = new Uint32Array(2 * BATCH);
  let pending = 0;
  const emit = (action: number, violation: number): void => {
    generated++;
    if (violation !== 0) {
      if (!seen.has(violation)) {
        seen.add(violation);
        violations.push({ code: violation, parent: current, action });
      }
      return;
    }
    if (pending === batchParent.length) {
      const grow = <T extends Uint32Array | Int32Array>(a: T, n: number): T => {
        const b = new (a.constructor as new (n: number) => T)(n);
        b.set(a);
        return b;
      };
      batch = grow(batch, batch.length * 2);
      batchParent = grow(batchParent, batchParent.length * 2);
      batchVia = grow(batchVia, batchVia.length * 2);
      hashes = grow(hashes, hashes.length * 2);
    }
    const at = pending * W;
    for (let w = 0; w < W; w++) batch[at + w] = next[w];
    batchParent[pending] = current;
    batchVia[pending] = action;
    pending++;
  };
  // Inserts the waiting successors in order: BFS order, hence shortest traces, is unchanged.
  const flush = (): void => {
    set.prefetch(batch, pending, hashes);
    for (let i = 0; i < pending; i++) {
      if (set.size >= maxStates) {
        if (set.find(batch, i * W) < 0) bounded = true;
        continue;
      }
      set.add(batch, batchParent[i], batchVia[i], i * W, hashes[i]);
    }
    pending = 0;
  };
  while (head < set.size || pending > 0) {
    if (head === set.size || pending >= BATCH) {
      flush();
      if (bounded) break;
      continue;
    }
    current = head;
    const dead = machine.expand(set.states, head * W, emit);
    if (dead !== 0 && deadlock === undefined) deadlock = { state: head, instances: dead };
    head++;
    if ((head & 0x3fff) === 0 && opts.onProgress) {
      const now = performance.now();
      if (now >= nextProgress) {
        nextProgress = now + progressEvery;
        opts.onProgress({
          distinctStates: set.size,
          statesExplored: generated,
          queued: set.size - head,
          elapsedMs: now - start,
        });
      }
    }
  }
  return {
    set,
    expanded: head,
    generated,
    bounded,
    elapsedMs: performance.now() - start,
    cpuMs: cpuMillis(process.cpuUsage(cpuStart)),
    violations,
    deadlock,
  };
}

const cpuMillis = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;
