// The packed local state of one saga instance: its phase, and for every step the orchestrator's
// view of the call, what actually happened at the participant, the attempts used, and the
// isolation marks. No field crosses a 32-bit word, so reading one is a shift and a mask.
//
// The numeric codes are plain constants (not enum objects) because the explorer reads them in
// its innermost loop.

import type { SagaPlan } from "./plan.js";

// Phase: where the orchestrator stands with the instance.
export const PHASE_NOT_STARTED = 0;
export const PHASE_FORWARD = 1;
export const PHASE_BACKWARD = 2;
export const PHASE_COMPLETED = 3;
export const PHASE_COMPENSATED = 4;

// Status: the orchestrator's view of one step (what its durable log says).
export const ST_IDLE = 0;
/** Request sent (or a local step about to run); no answer yet. */
export const ST_SENT = 1;
export const ST_DONE = 2;
/** Answered with a business error. For a must-succeed step: it will be re-sent. */
export const ST_FAILED = 3;
/** Timed out with no attempts left: the outcome is unknown. */
export const ST_UNKNOWN = 4;
export const ST_COMP_SENT = 5;
export const ST_COMP_DONE = 6;
/** The compensation answered with a business error; the orchestrator will re-send it. */
export const ST_COMP_FAILED = 7;

// World: what actually happened at the participant, whatever the log says.
export const W_ABSENT = 0;
export const W_APPLIED = 1;
/** Applied, then undone by the compensation. */
export const W_UNDONE = 2;
/** The compensation ran on an effect that never happened, and its op does not tolerate that. */
export const W_PHANTOM = 3;

export class InstanceLayout {
  /** Words per instance block. */
  readonly words: number;
  readonly steps: number;
  readonly stores: number;
  private readonly fieldWord: Int32Array;
  private readonly fieldShift: Int32Array;
  private readonly fieldMask: Int32Array;
  readonly phase: number;
  /** Field ids per step; -1 where the step has no such field. */
  readonly status: Int32Array;
  readonly world: Int32Array;
  readonly attempt: Int32Array;
  /** Field id per tracked store. */
  readonly touched: Int32Array;

  constructor(plan: SagaPlan) {
    const words: number[] = [];
    const shifts: number[] = [];
    const masks: number[] = [];
    let word = 0;
    let used = 0;
    const field = (bits: number): number => {
      if (used + bits > 32) {
        word++;
        used = 0;
      }
      words.push(word);
      shifts.push(used);
      masks.push((2 ** bits - 1) | 0);
      used += bits;
      return words.length - 1;
    };
    const S = plan.steps.length;
    this.steps = S;
    this.stores = plan.stores.length;
    this.phase = field(3);
    this.status = new Int32Array(S).fill(-1);
    this.world = new Int32Array(S).fill(-1);
    this.attempt = new Int32Array(S).fill(-1);
    for (const step of plan.steps) {
      this.status[step.index] = field(3);
      if (step.action.effectful) this.world[step.index] = field(2);
      if (step.action.retries > 0) this.attempt[step.index] = field(bitsFor(step.action.retries));
    }
    this.touched = new Int32Array(this.stores);
    for (let x = 0; x < this.stores; x++) this.touched[x] = field(1);
    this.words = word + 1;
    this.fieldWord = Int32Array.from(words);
    this.fieldShift = Int32Array.from(shifts);
    this.fieldMask = Int32Array.from(masks);
  }

  get(buf: Uint32Array, f: number): number {
    return (buf[this.fieldWord[f]] >>> this.fieldShift[f]) & this.fieldMask[f];
  }

  set(buf: Uint32Array, f: number, v: number): void {
    const w = this.fieldWord[f];
    const sh = this.fieldShift[f];
    buf[w] = (buf[w] & ~(this.fieldMask[f] << sh)) | (v << sh);
  }
}

/** Bits needed to hold the values 0..max. */
export function bitsFor(max: number): number {
  let bits = 1;
  while (2 ** bits <= max) bits++;
  return bits;
}
