// The transition relation of N concurrent instances of one orchestrated saga (LAWS.md §B), over
// packed states. `expand` emits every successor of a state with the action that produced it and,
// when that transition breaks a safety property, the violation. docs/model-checking.md states the
// same rules in prose; keep the two in step.

import { Phase, StateLayout, Status, World } from "./layout.js";
import type { CallPlan, SagaPlan, StepPlan } from "./plan.js";

/** Action kinds. An action code packs kind | instance << 5 | step << 9. */
export const Act = {
  Start: 0,
  Ok: 1,
  Err: 2,
  TimeoutCommitted: 3,
  TimeoutLost: 4,
  Retry: 5,
  CompOk: 6,
  CompErr: 7,
  CompTimeoutCommitted: 8,
  CompTimeoutLost: 9,
  CompRetry: 10,
  Duplicate: 11,
  CompDuplicate: 12,
  ApplyWhileDown: 13,
  CompApplyWhileDown: 14,
  Crash: 15,
  Resume: 16,
} as const;

/**
 * Weakly fair actions: the orchestrator's own moves and a participant's successful answer. A
 * failure (business error, timeout, crash, duplicate) is never forced to happen, and a success is
 * forced only when it stays possible.
 */
const FAIR = (1 << Act.Ok) | (1 << Act.CompOk) | (1 << Act.Retry) | (1 << Act.CompRetry) | (1 << Act.Resume);

export function actionCode(kind: number, instance: number, step: number): number {
  return kind | (instance << 5) | (step << 9);
}
export const actionKind = (code: number): number => code & 31;
export const actionInstance = (code: number): number => (code >>> 5) & 15;
export const actionStep = (code: number): number => code >>> 9;
export const isFair = (code: number): boolean => ((FAIR >>> (code & 31)) & 1) === 1;

/** Safety violations found on a transition. A violation code packs kind | step << 3. */
export const Viol = { None: 0, Duplicate: 1, PivotRevoked: 2, Partial: 3, Isolation: 4 } as const;
export const violationKind = (code: number): number => code & 7;
export const violationStep = (code: number): number => code >>> 3;
const violation = (kind: number, step: number): number => kind | (step << 3);

/** Returned by the apply helpers when the world does not change (an idempotent repeat). */
const NOOP = -1;

/** Called once per successor; the successor state is in `machine.next` during the call. */
export type Emit = (action: number, violation: number) => void;

export const MAX_INSTANCES = 8;
export const MAX_STEPS = 60;

export class SagaMachine {
  readonly layout: StateLayout;
  readonly words: number;
  /** The state being expanded (a copy). */
  readonly base: Uint32Array;
  /** The successor being emitted. */
  readonly next: Uint32Array;
  private readonly S: number;
  private readonly N: number;
  private readonly steps: readonly StepPlan[];
  /** For each tracked store, the steps that can expose an unkeyed write on it. */
  private readonly exposers: readonly (readonly number[])[];

  constructor(
    readonly plan: SagaPlan,
    readonly instances: number,
    readonly maxCrashes: number,
  ) {
    if (instances < 1 || instances > MAX_INSTANCES)
      throw new RangeError(`instances must be between 1 and ${MAX_INSTANCES}`);
    if (plan.steps.length > MAX_STEPS) throw new RangeError(`a saga of more than ${MAX_STEPS} steps`);
    this.layout = new StateLayout(plan, instances, plan.orchestrated ? maxCrashes : 0);
    this.words = this.layout.words;
    this.base = new Uint32Array(this.words);
    this.next = new Uint32Array(this.words);
    this.S = plan.steps.length;
    this.N = instances;
    this.steps = plan.steps;
    this.exposers = plan.stores.map((_, x) =>
      plan.steps.filter((s) => s.exposes.includes(x)).map((s) => s.index),
    );
  }

  /** The initial state: no instance started, the orchestrator up. All fields are zero. */
  initial(out: Uint32Array, off = 0): void {
    out.fill(0, off, off + this.words);
  }

  /**
   * Emits every successor of the state at `src[off..]`. Returns a bit mask of the instances that
   * are started, unfinished, and have no move while the orchestrator is up (a deadlock).
   */
  expand(src: Uint32Array, off: number, emit: Emit): number {
    const L = this.layout;
    const base = this.base;
    for (let w = 0; w < this.words; w++) base[w] = src[off + w];
    const down = L.get(base, 0, L.down) === 1;
    let deadlocked = 0;
    let inFlightRemote = false;
    for (let i = 0; i < this.N; i++) {
      const phase = L.get(base, 0, L.phase[i]);
      if (phase === Phase.NotStarted) {
        if (!down) {
          this.begin();
          L.set(this.next, 0, L.phase[i], Phase.Forward);
          emit(actionCode(Act.Start, i, 0), this.advance(i));
        }
        continue;
      }
      const terminal = phase >= Phase.Completed;
      let moves = 0;
      for (let s = 0; s < this.S; s++) {
        const p = this.steps[s];
        const k = i * this.S + s;
        const st = L.get(base, 0, L.status[k]);
        const wf = L.world[k];
        const world = wf < 0 ? World.Absent : L.get(base, 0, wf);
        if (st === Status.Sent) {
          if (p.action.canTimeout) inFlightRemote = true;
          moves += this.forwardMoves(i, s, p, world, down, emit);
        } else if (st === Status.Failed && p.mustSucceed) {
          if (!down) {
            this.begin();
            L.set(this.next, 0, L.status[k], Status.Sent);
            emit(actionCode(Act.Retry, i, s), 0);
            moves++;
          }
        } else if (st === Status.CompSent) {
          const c = p.compensation!;
          if (c.canTimeout) inFlightRemote = true;
          moves += this.compensationMoves(i, s, c, world, down, emit);
        } else if (st === Status.CompFailed) {
          if (!down) {
            this.begin();
            L.set(this.next, 0, L.status[k], Status.CompSent);
            emit(actionCode(Act.CompRetry, i, s), 0);
            moves++;
          }
        }
        // At-least-once delivery: a message already delivered can arrive again, at any time
        // (even after the instance finished). Only a non-idempotent op notices.
        const a = p.action;
        if (
          a.messageDriven &&
          a.effectful &&
          !a.idempotent &&
          (world === World.Applied || world === World.Undone)
        ) {
          this.begin();
          emit(actionCode(Act.Duplicate, i, s), violation(Viol.Duplicate, s));
        }
        const c = p.compensation;
        if (
          c?.messageDriven &&
          c.effectful &&
          !c.idempotent &&
          st === Status.CompDone &&
          (world === World.Undone || world === World.Phantom)
        ) {
          this.begin();
          emit(actionCode(Act.CompDuplicate, i, s), violation(Viol.Duplicate, s));
        }
      }
      if (!terminal && !down && moves === 0) deadlocked |= 1 << i;
    }
    const crashes = L.get(base, 0, L.crashes);
    if (!down && inFlightRemote && crashes < this.maxCrashes && this.plan.orchestrated) {
      this.begin();
      L.set(this.next, 0, L.down, 1);
      L.set(this.next, 0, L.crashes, crashes + 1);
      emit(actionCode(Act.Crash, 0, 0), 0);
    }
    if (down) {
      this.begin();
      L.set(this.next, 0, L.down, 0);
      emit(actionCode(Act.Resume, 0, 0), this.resume());
    }
    return deadlocked;
  }

  /** Moves of a step whose request is in flight. Returns the number of orchestrator-visible moves. */
  private forwardMoves(i: number, s: number, p: StepPlan, world: number, down: boolean, emit: Emit): number {
    const L = this.layout;
    const a = p.action;
    const k = i * this.S + s;
    if (down) {
      // The orchestrator is down: a synchronous participant may still process the request,
      // but its reply is lost. Local steps wait; message-driven replies wait in the broker.
      if (a.canTimeout) {
        this.begin();
        const r = this.applyForward(i, s);
        if (r !== NOOP) emit(actionCode(Act.ApplyWhileDown, i, s), r);
      }
      return 0;
    }
    let moves = 1;
    this.begin();
    let r = this.applyForward(i, s);
    if (r > 0) emit(actionCode(Act.Ok, i, s), r);
    else {
      L.set(this.next, 0, L.status[k], Status.Done);
      emit(actionCode(Act.Ok, i, s), this.advance(i));
    }
    // A business error is a definite "no": possible only while no attempt has taken effect.
    if (a.errors.length > 0 && world === World.Absent) {
      moves++;
      this.begin();
      L.set(this.next, 0, L.status[k], Status.Failed);
      emit(actionCode(Act.Err, i, s), p.mustSucceed ? 0 : this.advance(i));
    }
    if (a.canTimeout) {
      moves++;
      // The participant committed, but the reply never came.
      this.begin();
      r = this.applyForward(i, s);
      if (r > 0) emit(actionCode(Act.TimeoutCommitted, i, s), r);
      else if (r !== NOOP) {
        emit(actionCode(Act.TimeoutCommitted, i, s), p.mustSucceed ? 0 : this.afterTimeout(i, s));
      }
      // The request was lost. For a must-succeed call this is a re-send of the same state.
      if (!p.mustSucceed) {
        this.begin();
        emit(actionCode(Act.TimeoutLost, i, s), this.afterTimeout(i, s));
      }
    }
    return moves;
  }

  private compensationMoves(
    i: number,
    s: number,
    c: CallPlan,
    world: number,
    down: boolean,
    emit: Emit,
  ): number {
    const L = this.layout;
    const k = i * this.S + s;
    if (down) {
      if (c.canTimeout) {
        this.begin();
        const r = this.applyCompensation(i, s);
        if (r !== NOOP) emit(actionCode(Act.CompApplyWhileDown, i, s), r);
      }
      return 0;
    }
    let moves = 1;
    this.begin();
    let r = this.applyCompensation(i, s);
    if (r > 0) emit(actionCode(Act.CompOk, i, s), r);
    else {
      L.set(this.next, 0, L.status[k], Status.CompDone);
      emit(actionCode(Act.CompOk, i, s), this.advance(i));
    }
    // Compensations are must-succeed: a business error is answered by re-sending later.
    if (c.errors.length > 0 && world !== World.Undone && world !== World.Phantom) {
      moves++;
      this.begin();
      L.set(this.next, 0, L.status[k], Status.CompFailed);
      emit(actionCode(Act.CompErr, i, s), 0);
    }
    if (c.canTimeout) {
      // Committed without a reply: the orchestrator re-sends. (Lost: the same state again.)
      this.begin();
      r = this.applyCompensation(i, s);
      if (r !== NOOP) {
        moves++;
        emit(actionCode(Act.CompTimeoutCommitted, i, s), r);
      }
    }
    return moves;
  }

  /** The forward effect of step s of instance i happens at its participant (in `next`). */
  private applyForward(i: number, s: number): number {
    const L = this.layout;
    const a = this.steps[s].action;
    const wf = L.world[i * this.S + s];
    if (wf < 0) return NOOP; // readonly: nothing in the world changes
    const w = L.get(this.next, 0, wf);
    if (w === World.Absent) {
      L.set(this.next, 0, wf, World.Applied);
      this.touchOthers(i, a.unkeyedWrites);
      return 0;
    }
    return a.idempotent ? NOOP : violation(Viol.Duplicate, s);
  }

  /** The compensation of step s of instance i runs at its participant (in `next`). */
  private applyCompensation(i: number, s: number): number {
    const L = this.layout;
    const p = this.steps[s];
    const c = p.compensation!;
    const wf = L.world[i * this.S + s];
    if (wf < 0) return NOOP;
    const w = L.get(this.next, 0, wf);
    if (w === World.Undone || w === World.Phantom) return c.idempotent ? NOOP : violation(Viol.Duplicate, s);
    const pivot = this.plan.pivot;
    if (pivot >= 0) {
      const pf = L.world[i * this.S + pivot];
      if (pf >= 0 && L.get(this.next, 0, pf) === World.Applied) return violation(Viol.PivotRevoked, pivot);
    }
    if (w === World.Applied) {
      for (const x of p.exposes) {
        if (L.get(this.next, 0, L.touched[i * L.stores + x]) === 1) return violation(Viol.Isolation, s);
      }
      L.set(this.next, 0, wf, World.Undone);
      this.touchOthers(i, c.unkeyedWrites);
      return 0;
    }
    if (c.toleratesAbsent) return NOOP;
    L.set(this.next, 0, wf, World.Phantom);
    return 0;
  }

  /**
   * An unkeyed write by instance i on these stores lands between another instance's exposed
   * write and that instance's compensation: mark it, so the compensation is caught.
   */
  private touchOthers(i: number, stores: readonly number[]): void {
    if (stores.length === 0) return;
    const L = this.layout;
    const next = this.next;
    for (const x of stores) {
      for (let k = 0; k < this.N; k++) {
        if (k === i) continue;
        const phase = L.get(next, 0, L.phase[k]);
        if (phase !== Phase.Forward && phase !== Phase.Backward) continue;
        const pivot = this.plan.pivot;
        if (pivot >= 0 && L.get(next, 0, L.status[k * this.S + pivot]) === Status.Done) continue;
        for (const t of this.exposers[x]) {
          if (L.get(next, 0, L.world[k * this.S + t]) === World.Applied) {
            L.set(next, 0, L.touched[k * L.stores + x], 1);
            break;
          }
        }
      }
    }
  }

  /** A timed-out attempt of a backward-recoverable step: re-send if the policy allows, else unknown. */
  private afterTimeout(i: number, s: number): number {
    const L = this.layout;
    const k = i * this.S + s;
    const af = L.attempt[k];
    if (af >= 0) {
      const used = L.get(this.next, 0, af);
      if (used < this.steps[s].action.retries) {
        L.set(this.next, 0, af, used + 1);
        return 0;
      }
    }
    L.set(this.next, 0, L.status[k], Status.Unknown);
    return this.advance(i);
  }

  /** After a crash, every synchronous call that was in flight is treated as timed out. */
  private resume(): number {
    const L = this.layout;
    let result = 0;
    for (let i = 0; i < this.N; i++) {
      const phase = L.get(this.next, 0, L.phase[i]);
      if (phase !== Phase.Forward && phase !== Phase.Backward) continue;
      let changed = false;
      for (let s = 0; s < this.S; s++) {
        const p = this.steps[s];
        const k = i * this.S + s;
        if (L.get(this.next, 0, L.status[k]) !== Status.Sent || !p.action.canTimeout || p.mustSucceed)
          continue;
        const af = L.attempt[k];
        const used = af >= 0 ? L.get(this.next, 0, af) : 0;
        if (af >= 0 && used < p.action.retries) L.set(this.next, 0, af, used + 1);
        else {
          L.set(this.next, 0, L.status[k], Status.Unknown);
          changed = true;
        }
      }
      if (changed) {
        const r = this.advance(i);
        if (r !== 0 && result === 0) result = r;
      }
    }
    return result;
  }

  /** The orchestrator's deterministic bookkeeping after an answer: issue, switch direction, finish. */
  private advance(i: number): number {
    const L = this.layout;
    const next = this.next;
    const phase = L.get(next, 0, L.phase[i]);
    if (phase === Phase.Backward) return this.compensateNext(i);
    if (phase !== Phase.Forward) return 0;
    const stages = this.plan.stages;
    for (let g = 0; g < stages.length; g++) {
      let allDone = true;
      let waiting = false;
      let failed = false;
      for (const s of stages[g]) {
        const st = L.get(next, 0, L.status[i * this.S + s]);
        if (st === Status.Done) continue;
        allDone = false;
        if (st === Status.Sent) waiting = true;
        else if (st === Status.Failed) {
          if (this.steps[s].mustSucceed) waiting = true;
          else failed = true;
        } else if (st === Status.Unknown) failed = true;
      }
      if (allDone) continue;
      if (waiting) return 0;
      if (failed) {
        L.set(next, 0, L.phase[i], Phase.Backward);
        return this.compensateNext(i);
      }
      for (const s of stages[g]) {
        const f = L.status[i * this.S + s];
        if (L.get(next, 0, f) === Status.Idle) L.set(next, 0, f, Status.Sent);
      }
      return 0;
    }
    return this.finish(i, Phase.Completed);
  }

  /** Backward recovery: compensate the latest stage with committed or unknown steps, one stage at a time. */
  private compensateNext(i: number): number {
    const L = this.layout;
    const next = this.next;
    const stages = this.plan.stages;
    for (let g = stages.length - 1; g >= 0; g--) {
      let pending = false;
      let toIssue = false;
      for (const s of stages[g]) {
        const st = L.get(next, 0, L.status[i * this.S + s]);
        if (st === Status.CompSent || st === Status.CompFailed) pending = true;
        else if ((st === Status.Done || st === Status.Unknown) && this.steps[s].compensation) toIssue = true;
      }
      if (pending) return 0;
      if (toIssue) {
        for (const s of stages[g]) {
          const f = L.status[i * this.S + s];
          const st = L.get(next, 0, f);
          if ((st === Status.Done || st === Status.Unknown) && this.steps[s].compensation)
            L.set(next, 0, f, Status.CompSent);
        }
        return 0;
      }
    }
    return this.finish(i, Phase.Compensated);
  }

  /** Terminates instance i and checks the outcome property on what the world holds. */
  private finish(i: number, phase: number): number {
    const L = this.layout;
    const next = this.next;
    L.set(next, 0, L.phase[i], phase);
    for (let x = 0; x < L.stores; x++) L.set(next, 0, L.touched[i * L.stores + x], 0);
    for (let s = 0; s < this.S; s++) {
      const wf = L.world[i * this.S + s];
      if (wf < 0) continue;
      const w = L.get(next, 0, wf);
      const ok = phase === Phase.Completed ? w === World.Applied : w === World.Absent || w === World.Undone;
      if (!ok) return violation(Viol.Partial, s);
    }
    return 0;
  }

  private begin(): void {
    this.next.set(this.base);
  }
}
