// The rules of one saga instance under failure (LAWS.md §B), over its packed local state.
// Instances interact only through the shared orchestrator (crash and resume) and through the
// stores they write (isolation marks); `product.ts` composes N instances. docs/model-checking.md
// states the same rules in prose; keep the two in step.

import {
  InstanceLayout,
  PHASE_BACKWARD,
  PHASE_COMPENSATED,
  PHASE_COMPLETED,
  PHASE_FORWARD,
  PHASE_NOT_STARTED,
  ST_COMP_DONE,
  ST_COMP_FAILED,
  ST_COMP_SENT,
  ST_DONE,
  ST_FAILED,
  ST_IDLE,
  ST_SENT,
  ST_UNKNOWN,
  W_ABSENT,
  W_APPLIED,
  W_PHANTOM,
  W_UNDONE,
} from "./layout.js";
import type { SagaPlan, StepPlan } from "./plan.js";

// Action kinds. An action code packs kind | instance << 5 | step << 9.
export const A_START = 0;
export const A_OK = 1;
export const A_ERR = 2;
export const A_TIMEOUT_COMMITTED = 3;
export const A_TIMEOUT_LOST = 4;
export const A_RETRY = 5;
export const A_COMP_OK = 6;
export const A_COMP_ERR = 7;
export const A_COMP_TIMEOUT_COMMITTED = 8;
export const A_COMP_RETRY = 9;
export const A_DUPLICATE = 10;
export const A_COMP_DUPLICATE = 11;
export const A_APPLY_WHILE_DOWN = 12;
export const A_COMP_APPLY_WHILE_DOWN = 13;
export const A_CRASH = 14;
export const A_RESUME = 15;

/**
 * Weakly fair actions: the orchestrator's own moves and a participant's successful answer. A
 * failure (business error, timeout, crash, duplicate) is never forced to happen; a success is
 * forced only if it stays possible.
 */
const FAIR = (1 << A_OK) | (1 << A_COMP_OK) | (1 << A_RETRY) | (1 << A_COMP_RETRY) | (1 << A_RESUME);

export function actionCode(kind: number, instance: number, step: number): number {
  return kind | (instance << 5) | (step << 9);
}
export const actionKind = (code: number): number => code & 31;
export const actionInstance = (code: number): number => (code >>> 5) & 15;
export const actionStep = (code: number): number => code >>> 9;
export const isFair = (code: number): boolean => ((FAIR >>> (code & 31)) & 1) === 1;

// Safety violations found on a transition. A violation code packs kind | step << 3.
export const V_DUPLICATE = 1;
export const V_PIVOT_REVOKED = 2;
export const V_PARTIAL = 3;
export const V_ISOLATION = 4;
export const violationKind = (code: number): number => code & 7;
export const violationStep = (code: number): number => code >>> 3;
const violation = (kind: number, step: number): number => kind | (step << 3);

/** Returned by the apply helpers when the world does not change (an idempotent repeat). */
const NOOP = -1;

/**
 * One local successor: the new block is in `machine.next`; `touches` is the set of tracked stores
 * (a bit mask) this move wrote without a key, which marks other instances exposed on them.
 */
export type LocalEmit = (kind: number, step: number, violation: number, touches: number) => void;

export class InstanceMachine {
  readonly layout: InstanceLayout;
  readonly words: number;
  /** The block being expanded (a copy). */
  readonly cur: Uint32Array;
  /** The successor block being emitted. */
  readonly next: Uint32Array;
  private readonly S: number;
  private readonly steps: readonly StepPlan[];
  private touches = 0;

  constructor(readonly plan: SagaPlan) {
    this.layout = new InstanceLayout(plan);
    this.words = this.layout.words;
    this.cur = new Uint32Array(this.words);
    this.next = new Uint32Array(this.words);
    this.S = plan.steps.length;
    this.steps = plan.steps;
  }

  /**
   * Emits every move of the instance in `block`. `down`: the orchestrator has crashed and not yet
   * resumed. Returns how many moves the orchestrator could make (0 while started and unfinished
   * means the instance is deadlocked).
   */
  expand(block: Uint32Array, off: number, down: boolean, emit: LocalEmit): number {
    const L = this.layout;
    const cur = this.cur;
    for (let w = 0; w < this.words; w++) cur[w] = block[off + w];
    const phase = L.get(cur, L.phase);
    if (phase === PHASE_NOT_STARTED) {
      if (down) return 0;
      this.begin();
      L.set(this.next, L.phase, PHASE_FORWARD);
      emit(A_START, 0, this.advance(), 0);
      return 1;
    }
    let moves = 0;
    for (let s = 0; s < this.S; s++) {
      const p = this.steps[s];
      const st = L.get(cur, L.status[s]);
      const wf = L.world[s];
      const world = wf < 0 ? W_ABSENT : L.get(cur, wf);
      if (st === ST_SENT) moves += this.forwardMoves(s, p, world, down, emit);
      else if (st === ST_FAILED && p.mustSucceed) {
        if (!down) {
          this.begin();
          L.set(this.next, L.status[s], ST_SENT);
          emit(A_RETRY, s, 0, 0);
          moves++;
        }
      } else if (st === ST_COMP_SENT) moves += this.compensationMoves(s, p, world, down, emit);
      else if (st === ST_COMP_FAILED) {
        if (!down) {
          this.begin();
          L.set(this.next, L.status[s], ST_COMP_SENT);
          emit(A_COMP_RETRY, s, 0, 0);
          moves++;
        }
      }
      // At-least-once delivery: a message already delivered can arrive again at any time, even
      // after the instance finished. Only a non-idempotent op notices, so only those are explored.
      const a = p.action;
      if (a.messageDriven && a.effectful && !a.idempotent && (world === W_APPLIED || world === W_UNDONE)) {
        this.begin();
        emit(A_DUPLICATE, s, violation(V_DUPLICATE, s), 0);
      }
      const c = p.compensation;
      if (
        c?.messageDriven &&
        c.effectful &&
        !c.idempotent &&
        st === ST_COMP_DONE &&
        (world === W_UNDONE || world === W_PHANTOM)
      ) {
        this.begin();
        emit(A_COMP_DUPLICATE, s, violation(V_DUPLICATE, s), 0);
      }
    }
    return moves;
  }

  /** After the orchestrator restarts, every synchronous call that was in flight counts as timed out. */
  resume(block: Uint32Array, off: number): number {
    const L = this.layout;
    for (let w = 0; w < this.words; w++) this.cur[w] = block[off + w];
    this.begin();
    const phase = L.get(this.next, L.phase);
    if (phase !== PHASE_FORWARD && phase !== PHASE_BACKWARD) return 0;
    let changed = false;
    for (let s = 0; s < this.S; s++) {
      const p = this.steps[s];
      if (L.get(this.next, L.status[s]) !== ST_SENT || !p.action.canTimeout || p.mustSucceed) continue;
      const af = L.attempt[s];
      const used = af >= 0 ? L.get(this.next, af) : 0;
      if (af >= 0 && used < p.action.retries) L.set(this.next, af, used + 1);
      else {
        L.set(this.next, L.status[s], ST_UNKNOWN);
        changed = true;
      }
    }
    return changed ? this.advance() : 0;
  }

  /** Marks an isolation touch on store x (result in `next`). */
  touch(block: Uint32Array, off: number, x: number): void {
    for (let w = 0; w < this.words; w++) this.next[w] = block[off + w];
    this.layout.set(this.next, this.layout.touched[x], 1);
  }

  /**
   * Tracked stores on which this instance has an unkeyed write its compensation may still undo:
   * another instance's unkeyed write there now is a lost update waiting to happen.
   */
  exposedStores(block: Uint32Array, off: number): number {
    const L = this.layout;
    const cur = this.cur;
    for (let w = 0; w < this.words; w++) cur[w] = block[off + w];
    const phase = L.get(cur, L.phase);
    if (phase !== PHASE_FORWARD && phase !== PHASE_BACKWARD) return 0;
    const pivot = this.plan.pivot;
    if (pivot >= 0 && L.get(cur, L.status[pivot]) === ST_DONE) return 0;
    let mask = 0;
    for (const p of this.steps) {
      if (p.exposes.length === 0 || L.get(cur, L.world[p.index]) !== W_APPLIED) continue;
      for (const x of p.exposes) mask |= 1 << x;
    }
    return mask;
  }

  /** A synchronous remote call (or its compensation) is in flight: a crash would matter. */
  inFlightRemote(block: Uint32Array, off: number): boolean {
    const L = this.layout;
    for (let w = 0; w < this.words; w++) this.cur[w] = block[off + w];
    for (const p of this.steps) {
      const st = L.get(this.cur, L.status[p.index]);
      if (st === ST_SENT && p.action.canTimeout) return true;
      if (st === ST_COMP_SENT && p.compensation!.canTimeout) return true;
    }
    return false;
  }

  private forwardMoves(s: number, p: StepPlan, world: number, down: boolean, emit: LocalEmit): number {
    const L = this.layout;
    const a = p.action;
    if (down) {
      // The orchestrator is down: a synchronous participant may still process the request, but
      // its reply is lost. Local steps wait for the restart; message-driven replies wait in the broker.
      // (A re-sent request meeting an earlier committed attempt is explored with the orchestrator up.)
      if (a.canTimeout && world === W_ABSENT) {
        this.begin();
        const r = this.applyForward(s);
        if (r !== NOOP) emit(A_APPLY_WHILE_DOWN, s, r, this.touches);
      }
      return 0;
    }
    let moves = 1;
    this.begin();
    let r = this.applyForward(s);
    if (r > 0) emit(A_OK, s, r, 0);
    else {
      const touches = this.touches;
      L.set(this.next, L.status[s], ST_DONE);
      emit(A_OK, s, this.advance(), touches);
    }
    // A business error is a definite "no": possible only while no attempt has taken effect.
    if (a.errors.length > 0 && world === W_ABSENT) {
      moves++;
      this.begin();
      L.set(this.next, L.status[s], ST_FAILED);
      emit(A_ERR, s, p.mustSucceed ? 0 : this.advance(), 0);
    }
    if (a.canTimeout) {
      moves++;
      // The participant committed, but the reply never came.
      this.begin();
      r = this.applyForward(s);
      if (r > 0) emit(A_TIMEOUT_COMMITTED, s, r, 0);
      else if (r !== NOOP) {
        const touches = this.touches;
        emit(A_TIMEOUT_COMMITTED, s, p.mustSucceed ? 0 : this.afterTimeout(s), touches);
      }
      // The request was lost. For a must-succeed call that is a re-send of the same state: no move.
      if (!p.mustSucceed) {
        this.begin();
        emit(A_TIMEOUT_LOST, s, this.afterTimeout(s), 0);
      }
    }
    return moves;
  }

  private compensationMoves(s: number, p: StepPlan, world: number, down: boolean, emit: LocalEmit): number {
    const L = this.layout;
    const c = p.compensation!;
    if (down) {
      if (c.canTimeout && world !== W_UNDONE && world !== W_PHANTOM) {
        this.begin();
        const r = this.applyCompensation(s);
        if (r !== NOOP) emit(A_COMP_APPLY_WHILE_DOWN, s, r, this.touches);
      }
      return 0;
    }
    let moves = 1;
    this.begin();
    let r = this.applyCompensation(s);
    if (r > 0) emit(A_COMP_OK, s, r, 0);
    else {
      const touches = this.touches;
      L.set(this.next, L.status[s], ST_COMP_DONE);
      emit(A_COMP_OK, s, this.advance(), touches);
    }
    // Compensations must succeed: a business error is answered by re-sending it later.
    if (c.errors.length > 0 && world !== W_UNDONE && world !== W_PHANTOM) {
      moves++;
      this.begin();
      L.set(this.next, L.status[s], ST_COMP_FAILED);
      emit(A_COMP_ERR, s, 0, 0);
    }
    if (c.canTimeout) {
      // Committed without a reply: the orchestrator re-sends. (Lost: the same state again.)
      this.begin();
      r = this.applyCompensation(s);
      if (r !== NOOP) {
        moves++;
        emit(A_COMP_TIMEOUT_COMMITTED, s, r, r > 0 ? 0 : this.touches);
      }
    }
    return moves;
  }

  /** The forward effect of step s happens at its participant (in `next`). */
  private applyForward(s: number): number {
    const L = this.layout;
    const a = this.steps[s].action;
    this.touches = 0;
    const wf = L.world[s];
    if (wf < 0) return NOOP; // readonly: nothing in the world changes
    const w = L.get(this.next, wf);
    if (w === W_ABSENT) {
      L.set(this.next, wf, W_APPLIED);
      this.touches = maskOf(a.unkeyedWrites);
      return 0;
    }
    return a.idempotent ? NOOP : violation(V_DUPLICATE, s);
  }

  /** The compensation of step s runs at its participant (in `next`). */
  private applyCompensation(s: number): number {
    const L = this.layout;
    const p = this.steps[s];
    const c = p.compensation!;
    this.touches = 0;
    const wf = L.world[s];
    if (wf < 0) return NOOP;
    const w = L.get(this.next, wf);
    if (w === W_UNDONE || w === W_PHANTOM) return c.idempotent ? NOOP : violation(V_DUPLICATE, s);
    const pivot = this.plan.pivot;
    if (pivot >= 0) {
      const pf = L.world[pivot];
      if (pf >= 0 && L.get(this.next, pf) === W_APPLIED) return violation(V_PIVOT_REVOKED, pivot);
    }
    if (w === W_APPLIED) {
      for (const x of p.exposes) {
        if (L.get(this.next, L.touched[x]) === 1) return violation(V_ISOLATION, s);
      }
      L.set(this.next, wf, W_UNDONE);
      this.touches = maskOf(c.unkeyedWrites);
      return 0;
    }
    if (c.toleratesAbsent) return NOOP;
    L.set(this.next, wf, W_PHANTOM);
    return 0;
  }

  /** A timed-out attempt of a backward-recoverable step: re-send if the policy allows, else unknown. */
  private afterTimeout(s: number): number {
    const L = this.layout;
    const af = L.attempt[s];
    if (af >= 0) {
      const used = L.get(this.next, af);
      if (used < this.steps[s].action.retries) {
        L.set(this.next, af, used + 1);
        return 0;
      }
    }
    L.set(this.next, L.status[s], ST_UNKNOWN);
    return this.advance();
  }

  /** The orchestrator's deterministic bookkeeping after an answer: issue, turn back, or finish. */
  private advance(): number {
    const L = this.layout;
    const next = this.next;
    const phase = L.get(next, L.phase);
    if (phase === PHASE_BACKWARD) return this.compensateNext();
    if (phase !== PHASE_FORWARD) return 0;
    const stages = this.plan.stages;
    for (let g = 0; g < stages.length; g++) {
      let allDone = true;
      let waiting = false;
      let failed = false;
      for (const s of stages[g]) {
        const st = L.get(next, L.status[s]);
        if (st === ST_DONE) continue;
        allDone = false;
        if (st === ST_SENT) waiting = true;
        else if (st === ST_FAILED) {
          if (this.steps[s].mustSucceed) waiting = true;
          else failed = true;
        } else if (st === ST_UNKNOWN) failed = true;
      }
      if (allDone) continue;
      // A parallel stage settles completely before the orchestrator turns back.
      if (waiting) return 0;
      if (failed) {
        L.set(next, L.phase, PHASE_BACKWARD);
        return this.compensateNext();
      }
      for (const s of stages[g]) {
        if (L.get(next, L.status[s]) === ST_IDLE) L.set(next, L.status[s], ST_SENT);
      }
      return 0;
    }
    return this.finish(PHASE_COMPLETED);
  }

  /** Backward recovery: compensate the latest stage holding committed or unknown steps, stage by stage. */
  private compensateNext(): number {
    const L = this.layout;
    const next = this.next;
    const stages = this.plan.stages;
    for (let g = stages.length - 1; g >= 0; g--) {
      let pending = false;
      let toIssue = false;
      for (const s of stages[g]) {
        const st = L.get(next, L.status[s]);
        if (st === ST_COMP_SENT || st === ST_COMP_FAILED) pending = true;
        else if ((st === ST_DONE || st === ST_UNKNOWN) && this.steps[s].compensation) toIssue = true;
      }
      if (pending) return 0;
      if (toIssue) {
        for (const s of stages[g]) {
          const st = L.get(next, L.status[s]);
          if ((st === ST_DONE || st === ST_UNKNOWN) && this.steps[s].compensation)
            L.set(next, L.status[s], ST_COMP_SENT);
        }
        return 0;
      }
    }
    return this.finish(PHASE_COMPENSATED);
  }

  /** Terminates the instance and checks the outcome property against what the world holds. */
  private finish(phase: number): number {
    const L = this.layout;
    const next = this.next;
    L.set(next, L.phase, phase);
    for (let x = 0; x < L.stores; x++) L.set(next, L.touched[x], 0);
    for (let s = 0; s < this.S; s++) {
      const wf = L.world[s];
      if (wf < 0) continue;
      const w = L.get(next, wf);
      const ok = phase === PHASE_COMPLETED ? w === W_APPLIED : w === W_ABSENT || w === W_UNDONE;
      if (!ok) return violation(V_PARTIAL, s);
    }
    return 0;
  }

  private begin(): void {
    this.next.set(this.cur);
  }
}

function maskOf(stores: readonly number[]): number {
  let m = 0;
  for (const x of stores) m |= 1 << x;
  return m;
}
