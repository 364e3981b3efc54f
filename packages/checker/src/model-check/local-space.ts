// Every local state one instance can be in, numbered, with its moves precomputed. Instances of a
// saga are copies of one machine, and what one instance does depends on the others only through
// the orchestrator's up/down flag and isolation marks, so the global explorer works on tuples of
// these small numbers and reads tables instead of re-running the rules for every global state.

import { InstanceMachine } from "./semantics.js";
import { StateSet } from "./state-set.js";
import { PHASE_BACKWARD, PHASE_FORWARD } from "./layout.js";
import type { SagaPlan } from "./plan.js";

/** Above this many local states a saga is too large for the explorer (the plan is reported). */
export const MAX_LOCAL_STATES = 1 << 20;

export class LocalSpace {
  readonly machine: InstanceMachine;
  readonly blocks: StateSet;
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

  constructor(readonly plan: SagaPlan) {
    const m = new InstanceMachine(plan);
    this.machine = m;
    const L = m.layout;
    const blocks = new StateSet(m.words, 1 << 10);
    this.blocks = blocks;
    this.stores = plan.stores.length;
    const X = this.stores;
    const init = new Uint32Array(m.words);
    blocks.add(init, -1, -1);

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
      const r = blocks.add(buf, -1, -1);
      if (blocks.size > MAX_LOCAL_STATES)
        throw new RangeError(`saga ${plan.saga.name}: more than ${MAX_LOCAL_STATES} local states`);
      return r >= 0 ? r : -1 - r;
    };
    const record = (kind: number, step: number, v: number, touches: number): void => {
      moveAction.push(kind | (step << 9));
      moveViolation.push(v);
      moveTouches.push(touches);
      moveTarget.push(v === 0 ? intern(m.next) : -1);
    };

    for (let id = 0; id < blocks.size; id++) {
      const off = id * m.words;
      upStart.push(moveAction.length);
      const moves = m.expand(blocks.states, off, false, record);
      downStart.push(moveAction.length);
      m.expand(blocks.states, off, true, record);
      const rv = m.resume(blocks.states, off);
      resumeViolation.push(rv);
      resumeTarget.push(intern(m.next));
      const exp = m.exposedStores(blocks.states, off);
      exposed.push(exp);
      for (let x = 0; x < X; x++) {
        if ((exp >>> x) & 1) {
          m.touch(blocks.states, off, x);
          touchTarget.push(intern(m.next));
        } else touchTarget.push(-1);
      }
      inFlight.push(m.inFlightRemote(blocks.states, off) ? 1 : 0);
      m.cur.set(blocks.states.subarray(off, off + m.words));
      const phase = L.get(m.cur, L.phase);
      const isRunning = phase === PHASE_FORWARD || phase === PHASE_BACKWARD;
      running.push(isRunning ? 1 : 0);
      deadlocked.push(isRunning && moves === 0 ? 1 : 0);
    }
    this.count = blocks.size;
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
  }

  /** The packed block of local state `id`. */
  block(id: number): Uint32Array {
    const W = this.machine.words;
    return this.blocks.states.subarray(id * W, id * W + W);
  }
}
