// From the checked Model to the facts the saga explorer needs: for every step, how its call and
// its compensation can behave (local or remote, synchronous or message-driven, retries, business
// errors, idempotence) and which stores it writes. Everything the semantics decides is decided
// here once, so the hot loop only reads small integers. docs/model-checking.md explains each rule.

import type { Model, Op, Saga, SagaStep, Service } from "@archc/compiler";
import type { Span } from "@archc/dsl";

/** How one call (a step's action or its compensation) behaves. */
export interface CallPlan {
  readonly opId: string;
  readonly op: Op;
  /** The op belongs to the orchestrator: it commits atomically with the saga log, never times out. */
  readonly local: boolean;
  /** Delivered by a message (choreography, or a `consumes` handler): at-least-once, no timeouts. */
  readonly messageDriven: boolean;
  /** A synchronous remote call: it can time out with an ambiguous outcome. */
  readonly canTimeout: boolean;
  /** Re-sends after a timeout, from the orchestrator's `calls` edge (0 without one). */
  readonly retries: number;
  readonly errors: readonly string[];
  readonly idempotent: boolean;
  /** Changes state somewhere (not `readonly`). */
  readonly effectful: boolean;
  readonly toleratesAbsent: boolean;
  /** Stores written by a non-idempotent (unkeyed) effect of this op: indices into `SagaPlan.stores`. */
  readonly unkeyedWrites: readonly number[];
  /** The orchestrator's `calls` edge to this op, when declared. */
  readonly callSpan?: Span;
}

export interface StepPlan {
  readonly index: number;
  readonly name: string;
  readonly step: SagaStep;
  readonly stage: number;
  readonly action: CallPlan;
  readonly compensation?: CallPlan;
  /**
   * Forward recovery only (a `retriable` step, or any step after the pivot's stage): the
   * orchestrator re-sends it until it answers, so it never fails for good by a transient fault.
   */
  readonly mustSucceed: boolean;
  readonly isPivot: boolean;
  /** Stores where this step leaves an unkeyed write that its compensation will later undo. */
  readonly exposes: readonly number[];
}

export interface SagaPlan {
  readonly saga: Saga;
  readonly steps: readonly StepPlan[];
  /** Step indices per stage, in execution order; a `parallel` group is one stage. */
  readonly stages: readonly (readonly number[])[];
  /** Index of the pivot step, or -1. */
  readonly pivot: number;
  /** Orchestrated (`by SVC`): the orchestrator can crash and resume from its log. */
  readonly orchestrated: boolean;
  /** Stores on which some step exposes an unkeyed write (only these are tracked for isolation). */
  readonly stores: readonly string[];
}

export const MAX_TRACKED_STORES = 30;

export type PlanResult = { ok: true; plan: SagaPlan } | { ok: false; reason: string };

/** Builds the plan, or says why the saga cannot be explored (unresolved parts: the compiler reports them). */
export function planSaga(model: Model, saga: Saga): PlanResult {
  if (saga.steps.length === 0) return { ok: false, reason: "the saga has no steps" };
  for (const step of saga.steps) {
    if (!resolve(model, step.action.op))
      return { ok: false, reason: `step ${step.name} calls an unresolved op` };
    if (step.compensation && !resolve(model, step.compensation.op))
      return { ok: false, reason: `the compensation of step ${step.name} is unresolved` };
  }
  const orchestrator = saga.by === undefined ? undefined : model.services[saga.by];
  const stages = stagesOf(saga.steps);
  const stageOf = new Map<number, number>();
  stages.forEach((members, g) => {
    for (const s of members) stageOf.set(s, g);
  });
  const pivot = saga.steps.findIndex((s) => s.kind === "pivot");
  const pivotStage = pivot < 0 ? -1 : stageOf.get(pivot)!;

  const storeIds = new Map<string, number>();
  const storeNames: string[] = [];
  const internStore = (name: string): number => {
    let id = storeIds.get(name);
    if (id === undefined) {
      id = storeNames.length;
      storeIds.set(name, id);
      storeNames.push(name);
    }
    return id;
  };
  // First pass: the stores exposed by some step, so ids are dense over tracked stores only.
  for (const step of saga.steps) {
    const op = resolve(model, step.action.op)!;
    if (!step.compensation || op.idempotent || op.readonly) continue;
    for (const store of writtenStores(model, op)) internStore(store);
  }
  // Stores are bits of a 32-bit mask in the explorer.
  if (storeNames.length > MAX_TRACKED_STORES)
    return {
      ok: false,
      reason: `its compensated steps write ${storeNames.length} stores without a key; the explorer tracks at most ${MAX_TRACKED_STORES}`,
    };
  const tracked = (op: Op): number[] =>
    op.idempotent || op.readonly
      ? []
      : writtenStores(model, op)
          .map((s) => storeIds.get(s))
          .filter((id): id is number => id !== undefined);

  const callPlan = (opId: string, mustSucceed: boolean): CallPlan => {
    const op = model.ops[opId];
    const local = saga.by !== undefined && op.service === saga.by;
    const messageDriven = !local && (saga.by === undefined || isEventHandler(model.services[op.service], op));
    const canTimeout = !local && !messageDriven;
    const edge = orchestrator?.calls.find((c) => c.op === opId);
    return {
      opId,
      op,
      local,
      messageDriven,
      canTimeout,
      // Must-succeed calls are re-sent without bound (see StepPlan.mustSucceed), so their
      // policy does not limit anything the model distinguishes.
      retries: canTimeout && !mustSucceed ? (edge?.policy.retries ?? 0) : 0,
      errors: op.errors,
      idempotent: op.idempotent || op.readonly,
      effectful: !op.readonly,
      toleratesAbsent: op.toleratesAbsent,
      unkeyedWrites: tracked(op),
      callSpan: edge?.span,
    };
  };

  const steps: StepPlan[] = saga.steps.map((step, index) => {
    const stage = stageOf.get(index)!;
    const mustSucceed = step.kind === "retriable" || (pivotStage >= 0 && stage > pivotStage);
    const action = callPlan(step.action.op!, mustSucceed);
    const compensation = step.compensation ? callPlan(step.compensation.op!, true) : undefined;
    return {
      index,
      name: step.name,
      step,
      stage,
      action,
      compensation,
      mustSucceed,
      isPivot: index === pivot,
      exposes: compensation ? action.unkeyedWrites : [],
    };
  });
  return {
    ok: true,
    plan: { saga, steps, stages, pivot, orchestrated: saga.by !== undefined, stores: storeNames },
  };
}

function resolve(model: Model, opId: string | undefined): Op | undefined {
  return opId === undefined ? undefined : model.ops[opId];
}

/** Consecutive steps with the same `group` form one stage; every other step is a stage of its own. */
function stagesOf(steps: readonly SagaStep[]): number[][] {
  const stages: number[][] = [];
  steps.forEach((step, i) => {
    const last = stages[stages.length - 1];
    const prev = i > 0 ? steps[i - 1] : undefined;
    if (last && step.group !== undefined && prev?.group === step.group) last.push(i);
    else stages.push([i]);
  });
  return stages;
}

/** Stores the op's service uses in a writing mode; a `readonly` op writes none. */
function writtenStores(model: Model, op: Op): string[] {
  if (op.readonly) return [];
  const service = model.services[op.service];
  if (!service) return [];
  return service.uses.filter((u) => u.mode !== "read").map((u) => u.store);
}

function isEventHandler(service: Service | undefined, op: Op): boolean {
  if (!service) return false;
  return service.consumes.some(
    (c) =>
      c.handler !== undefined &&
      (c.handler === op.id || c.handler === op.name || c.handler === `${op.service}.${op.name}`),
  );
}
