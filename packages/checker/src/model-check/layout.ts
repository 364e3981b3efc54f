// The packed state: a few 32-bit words per global state. Each instance owns a word-aligned block
// (phase, per-step call status, per-step world effect, attempt counters, isolation marks); the
// orchestrator's crash counter and up/down flag live in the last word. No field crosses a word,
// so reading one is a shift and a mask.

import type { SagaPlan } from "./plan.js";

/** Where the orchestrator stands with an instance. */
export const Phase = { NotStarted: 0, Forward: 1, Backward: 2, Completed: 3, Compensated: 4 } as const;

/** The orchestrator's view of one step (what its log says). */
export const Status = {
  Idle: 0,
  /** Request sent (or a local step about to run); no answer yet. */
  Sent: 1,
  Done: 2,
  /** Answered with a business error. For a must-succeed step: will be re-sent. */
  Failed: 3,
  /** Timed out with no attempts left: the outcome is unknown. */
  Unknown: 4,
  CompSent: 5,
  CompDone: 6,
  /** The compensation answered with a business error; the orchestrator will re-send it. */
  CompFailed: 7,
} as const;

/** What actually happened at the participant (the world), independent of what the log says. */
export const World = {
  Absent: 0,
  Applied: 1,
  /** Applied, then undone by the compensation. */
  Undone: 2,
  /** The compensation ran on an effect that never happened, and the op does not tolerate that. */
  Phantom: 3,
} as const;

export class StateLayout {
  /** Words per state. */
  readonly words: number;
  readonly instanceWords: number;
  readonly steps: number;
  readonly stores: number;
  private readonly fieldWord: Int32Array;
  private readonly fieldShift: Int32Array;
  private readonly fieldMask: Int32Array;
  /** Field ids, indexed [instance], [instance * steps + step] and [instance * stores + store]. */
  readonly phase: Int32Array;
  readonly status: Int32Array;
  readonly world: Int32Array;
  readonly attempt: Int32Array;
  readonly touched: Int32Array;
  readonly crashes: number;
  readonly down: number;

  constructor(
    plan: SagaPlan,
    readonly instances: number,
    readonly maxCrashes: number,
  ) {
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
      masks.push(bits >= 32 ? -1 : (1 << bits) - 1);
      used += bits;
      return words.length - 1;
    };
    const S = plan.steps.length;
    const X = plan.stores.length;
    this.steps = S;
    this.stores = X;
    this.phase = new Int32Array(instances);
    this.status = new Int32Array(instances * S).fill(-1);
    this.world = new Int32Array(instances * S).fill(-1);
    this.attempt = new Int32Array(instances * S).fill(-1);
    this.touched = new Int32Array(instances * X).fill(-1);
    let blockWords = 0;
    for (let i = 0; i < instances; i++) {
      const start = word;
      this.phase[i] = field(3);
      for (const step of plan.steps) {
        const k = i * S + step.index;
        this.status[k] = field(3);
        if (step.action.effectful) this.world[k] = field(2);
        if (step.action.retries > 0) this.attempt[k] = field(bitsFor(step.action.retries));
      }
      for (let x = 0; x < X; x++) this.touched[i * X + x] = field(1);
      // Next instance starts on a fresh word, so instance blocks can be compared or permuted whole.
      word++;
      used = 0;
      blockWords = word - start;
    }
    this.instanceWords = blockWords;
    this.crashes = field(bitsFor(maxCrashes));
    this.down = field(1);
    this.words = word + 1;
    this.fieldWord = Int32Array.from(words);
    this.fieldShift = Int32Array.from(shifts);
    this.fieldMask = Int32Array.from(masks);
  }

  get(buf: Uint32Array, off: number, f: number): number {
    return (buf[off + this.fieldWord[f]] >>> this.fieldShift[f]) & this.fieldMask[f];
  }

  set(buf: Uint32Array, off: number, f: number, v: number): void {
    const w = off + this.fieldWord[f];
    const sh = this.fieldShift[f];
    buf[w] = (buf[w] & ~(this.fieldMask[f] << sh)) | (v << sh);
  }
}

function bitsFor(max: number): number {
  let bits = 1;
  while (1 << bits <= max) bits++;
  return bits;
}
