// N concurrent instances of one saga and their shared orchestrator. A global state packs, for
// each instance, the number of its local state (see local-space.ts), plus the orchestrator's
// crash counter and up/down flag: usually one or two 32-bit words in all.

import { bitsFor } from "./layout.js";
import type { LocalSpace } from "./local-space.js";
import { A_CRASH, A_RESUME, actionCode } from "./semantics.js";

/** Called once per successor; the successor is in `system.next` during the call. */
export type Emit = (action: number, violation: number) => void;

export const MAX_INSTANCES = 8;

/** Bit 0 of word 0, set in every state (an all-zero first word marks an empty hash slot). */
const VALID = 1;

export class ProductSystem {
  readonly words: number;
  readonly next: Uint32Array;
  readonly idBits: number;
  private readonly cur: Uint32Array;
  private readonly ids: Int32Array;
  private readonly fieldWord: Int32Array;
  private readonly fieldShift: Int32Array;
  private readonly fieldMask: Int32Array;
  /** Field ids: 0..N-1 the instances, N the crash counter, N + 1 the down flag. */
  private readonly crashField: number;
  private readonly downField: number;
  private readonly maxCrashes: number;

  private readonly sortBuf: Int32Array;

  /**
   * `symmetric`: instances are interchangeable, so a state stands for all its permutations and
   * is stored in canonical form (instances' local ids in ascending order).
   */
  constructor(
    readonly local: LocalSpace,
    readonly instances: number,
    maxCrashes: number,
    readonly symmetric = false,
  ) {
    if (!Number.isInteger(instances) || instances < 1 || instances > MAX_INSTANCES)
      throw new RangeError(`instances must be an integer from 1 to ${MAX_INSTANCES}`);
    this.maxCrashes = local.plan.orchestrated ? maxCrashes : 0;
    this.idBits = bitsFor(local.count - 1);
    const words: number[] = [];
    const shifts: number[] = [];
    const masks: number[] = [];
    let word = 0;
    let used = 1;
    const field = (bits: number): void => {
      if (used + bits > 32) {
        word++;
        used = 0;
      }
      words.push(word);
      shifts.push(used);
      masks.push((2 ** bits - 1) | 0);
      used += bits;
    };
    // Bit 0 of word 0 is always set: the state set treats an all-zero first word as an empty slot.
    for (let i = 0; i < instances; i++) field(this.idBits);
    field(bitsFor(this.maxCrashes));
    field(1);
    this.crashField = instances;
    this.downField = instances + 1;
    this.words = word + 1;
    this.fieldWord = Int32Array.from(words);
    this.fieldShift = Int32Array.from(shifts);
    this.fieldMask = Int32Array.from(masks);
    this.cur = new Uint32Array(this.words);
    this.next = new Uint32Array(this.words);
    this.ids = new Int32Array(instances);
    this.sortBuf = new Int32Array(instances);
  }

  /** The initial state: no instance started (local state 0), the orchestrator up, no crash yet. */
  initial(out: Uint32Array): void {
    out.fill(0, 0, this.words);
    out[0] = VALID;
  }

  /**
   * Emits every successor of the state at `src[off..]`. Returns a bit mask of the instances that
   * are started, unfinished, and have no move while the orchestrator is up (deadlocked).
   */
  expand(src: Uint32Array, off: number, emit: Emit): number {
    const W = this.words;
    const cur = this.cur;
    const next = this.next;
    const ids = this.ids;
    const sp = this.local;
    const N = this.instances;
    const X = sp.stores;
    for (let w = 0; w < W; w++) cur[w] = src[off + w];
    const fw = this.fieldWord;
    const fs = this.fieldShift;
    const fm = this.fieldMask;
    for (let i = 0; i < N; i++) ids[i] = (cur[fw[i]] >>> fs[i]) & fm[i];
    const down = this.get(cur, this.downField) === 1;
    let deadlocked = 0;
    let inFlight = false;
    for (let i = 0; i < N; i++) {
      const id = ids[i];
      if (sp.inFlightRemote[id] === 1) inFlight = true;
      if (!down && sp.deadlocked[id] === 1) deadlocked |= 1 << i;
      const from = down ? sp.downStart[id] : sp.upStart[id];
      const to = down ? sp.upStart[id + 1] : sp.downStart[id];
      for (let e = from; e < to; e++) {
        const action = sp.moveAction[e] | (i << 5);
        for (let w = 0; w < W; w++) next[w] = cur[w];
        const v = sp.moveViolation[e];
        if (v !== 0) {
          emit(action, v);
          continue;
        }
        next[fw[i]] = (next[fw[i]] & ~(fm[i] << fs[i])) | (sp.moveTarget[e] << fs[i]);
        const touches = sp.moveTouches[e];
        if (touches !== 0) {
          for (let k = 0; k < N; k++) {
            if (k === i) continue;
            let id2 = ids[k];
            let m = sp.exposed[id2] & touches;
            while (m !== 0) {
              const x = 31 - Math.clz32(m & -m);
              m &= m - 1;
              id2 = sp.touchTarget[id2 * X + x];
            }
            if (id2 !== ids[k]) next[fw[k]] = (next[fw[k]] & ~(fm[k] << fs[k])) | (id2 << fs[k]);
          }
        }
        if (this.symmetric) this.canonicalize(next);
        emit(action, 0);
      }
    }
    const crashes = this.get(cur, this.crashField);
    if (!down && inFlight && crashes < this.maxCrashes) {
      next.set(cur);
      this.set(next, this.downField, 1);
      this.set(next, this.crashField, crashes + 1);
      emit(actionCode(A_CRASH, 0, 0), 0);
    }
    if (down) {
      next.set(cur);
      this.set(next, this.downField, 0);
      let v = 0;
      for (let i = 0; i < N; i++) {
        this.set(next, i, sp.resumeTarget[ids[i]]);
        if (v === 0) v = sp.resumeViolation[ids[i]];
      }
      if (this.symmetric) this.canonicalize(next);
      emit(actionCode(A_RESUME, 0, 0), v);
    }
    return deadlocked;
  }

  /**
   * The state at `src[off..]` can lie on a weakly fair cycle: some instance is running, and every
   * running instance is in a local state on a local cycle. (On a fair cycle every running
   * instance moves — it always has a fair move, an answer or a re-send, unless it is deadlocked —
   * so its local states there form a local cycle.)
   */
  mayLieOnFairCycle(src: Uint32Array, off: number): boolean {
    const { cyclic, running } = this.local;
    let any = false;
    for (let i = 0; i < this.instances; i++) {
      const id = (src[off + this.fieldWord[i]] >>> this.fieldShift[i]) & this.fieldMask[i];
      if (running[id] === 1) {
        if (cyclic[id] === 0) return false;
        any = true;
      }
    }
    return any;
  }

  /** Puts the instances of `buf` in canonical (ascending) order. */
  canonicalize(buf: Uint32Array): void {
    const N = this.instances;
    const t = this.sortBuf;
    const fw = this.fieldWord;
    const fs = this.fieldShift;
    const fm = this.fieldMask;
    let sorted = true;
    for (let i = 0; i < N; i++) {
      const v = (buf[fw[i]] >>> fs[i]) & fm[i];
      let j = i;
      while (j > 0 && t[j - 1] > v) {
        t[j] = t[j - 1];
        j--;
        sorted = false;
      }
      t[j] = v;
    }
    if (sorted) return;
    for (let i = 0; i < N; i++) buf[fw[i]] = (buf[fw[i]] & ~(fm[i] << fs[i])) | (t[i] << fs[i]);
  }

  /** The local state of every instance, the crash count and the down flag. */
  decode(src: Uint32Array, off = 0): { ids: number[]; crashes: number; down: boolean } {
    const buf = src.subarray(off, off + this.words);
    const ids: number[] = [];
    for (let i = 0; i < this.instances; i++) ids.push(this.get(buf, i));
    return { ids, crashes: this.get(buf, this.crashField), down: this.get(buf, this.downField) === 1 };
  }

  private get(buf: Uint32Array, f: number): number {
    return (buf[this.fieldWord[f]] >>> this.fieldShift[f]) & this.fieldMask[f];
  }

  private set(buf: Uint32Array, f: number, v: number): void {
    const w = this.fieldWord[f];
    const sh = this.fieldShift[f];
    buf[w] = (buf[w] & ~(this.fieldMask[f] << sh)) | (v << sh);
  }
}
