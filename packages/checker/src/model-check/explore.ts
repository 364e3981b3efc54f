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
  /** The first (shortest) hit per violation code. */
  readonly violations: readonly ViolationHit[];
  /** The first (shortest) deadlock, if any. */
  readonly deadlock?: DeadlockHit;
}

export function explore(machine: TransitionSystem, opts: ExploreOptions): Exploration {
  const start = performance.now();
  const progressAfter = opts.progressAfterMs ?? 1000;
  const progressEvery = opts.progressEveryMs ?? 1000;
  let nextProgress = start + progressAfter;
  const set = new StateSet(machine.words);
  const next = machine.next;
  const scratch = new Uint32Array(machine.words);
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
  const emit = (action: number, violation: number): void => {
    generated++;
    if (violation !== 0) {
      if (!seen.has(violation)) {
        seen.add(violation);
        violations.push({ code: violation, parent: current, action });
      }
      return;
    }
    if (set.size >= maxStates) {
      if (set.find(next) < 0) bounded = true;
      return;
    }
    set.add(next, current, action);
  };
  while (head < set.size) {
    current = head;
    const dead = machine.expand(set.states, head * machine.words, emit);
    if (dead !== 0 && deadlock === undefined) deadlock = { state: head, instances: dead };
    if (bounded) break;
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
    violations,
    deadlock,
  };
}
