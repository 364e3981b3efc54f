// Replays a reported trace against the semantics and confirms that it violates a property. Each
// step must be a transition the rules allow (same action, same variables after it); then the
// property is checked again on the readable variables and the Model's declarations, separately
// from the explorer's packed checks, so a test that replays a trace checks the checker.

import type { Model } from "@archc/compiler";
import type { Trace } from "@archc/dsl";
import { describeAction, type StateVars } from "./describe.js";
import { planSaga, type StepPlan } from "./plan.js";
import type { ModelCheckRuleId } from "./rules.js";
import { SagaSpace, type Successor } from "./saga-space.js";
import {
  A_APPLY_WHILE_DOWN,
  A_COMP_APPLY_WHILE_DOWN,
  A_COMP_DUPLICATE,
  A_COMP_OK,
  A_COMP_TIMEOUT_COMMITTED,
  A_DUPLICATE,
  A_OK,
  A_RESUME,
  A_TIMEOUT_COMMITTED,
  actionInstance,
  actionKind,
  actionStep,
  isFair,
} from "./semantics.js";

export interface ReplayOptions {
  /** Instances in the run (default: as many as the trace's variables show). */
  readonly instances?: number;
  readonly maxCrashes?: number;
}

export type ReplayResult =
  | { readonly ok: true; readonly rule: ModelCheckRuleId; readonly reason: string }
  | { readonly ok: false; readonly reason: string };

const FORWARD_EFFECT = new Set([A_OK, A_TIMEOUT_COMMITTED, A_APPLY_WHILE_DOWN, A_DUPLICATE]);
const COMP_EFFECT = new Set([A_COMP_OK, A_COMP_TIMEOUT_COMMITTED, A_COMP_APPLY_WHILE_DOWN, A_COMP_DUPLICATE]);
const RUNNING = new Set(["running", "compensating"]);

interface StepVarsView {
  call: string;
  effect?: string;
}
interface InstanceView {
  phase: string;
  steps: Record<string, StepVarsView>;
}

export function replayTrace(
  model: Model,
  sagaName: string,
  trace: Trace,
  opts: ReplayOptions = {},
): ReplayResult {
  const saga = model.sagas[sagaName];
  if (!saga) return { ok: false, reason: `no saga ${sagaName}` };
  const planned = planSaga(model, saga);
  if (!planned.ok) return { ok: false, reason: planned.reason };
  const plan = planned.plan;
  const states = trace.states;
  if (states.length === 0) return { ok: false, reason: "the trace is empty" };
  const instances = opts.instances ?? Object.keys(states[0].vars).filter((k) => /^i\d+$/.test(k)).length;
  const space = new SagaSpace(plan, instances, opts.maxCrashes ?? 1);

  let cur = space.initialState();
  if (!sameVars(space.vars(cur), states[0].vars))
    return { ok: false, reason: "state 0 is not the initial state" };
  const visited: Uint32Array[] = [cur];
  const actions: number[] = [-1];
  const lasso = trace.loopsTo !== undefined;
  let violating: Successor | undefined;
  for (let k = 1; k < states.length; k++) {
    const label = states[k].action;
    const candidates = space.successors(cur).filter((s) => describeAction(plan, s.action) === label);
    const isLast = k === states.length - 1;
    const regular = candidates.find(
      (s) => s.violation === 0 && sameVars(space.vars(s.state), states[k].vars),
    );
    if (isLast && !lasso && !regular) {
      violating = candidates.find(
        (s) =>
          s.violation !== 0 &&
          sameVars(
            actionKind(s.action) === A_RESUME
              ? space.vars(s.state)
              : space.violatingVars(cur, s.action, s.violation),
            states[k].vars,
          ),
      );
      if (violating) {
        actions.push(violating.action);
        break;
      }
    }
    if (!regular)
      return {
        ok: false,
        reason: `state ${k}: "${label}" is not a transition of the semantics from state ${k - 1}`,
      };
    cur = regular.state;
    visited.push(cur);
    actions.push(regular.action);
  }

  if (lasso) return checkLasso(space, trace, visited, actions);
  const last = states.length - 1;
  const prev = states[last - 1]?.vars;
  const action = actions[last];
  if (violating && prev) {
    const found =
      duplicateEffect(model, plan.steps, prev, action) ??
      pivotRevoked(plan.steps, prev, action) ??
      lostUpdate(model, plan.steps, trace, actions, action);
    if (found) return found;
  }
  const partial = partialOutcome(states[last].vars);
  if (partial) return partial;
  if (!violating) {
    const stuck = deadlocked(space, cur, states[last].vars);
    if (stuck) return stuck;
  }
  return { ok: false, reason: "the trace is valid but its last state violates no property" };
}

function view(
  vars: StateVars | Readonly<Record<string, unknown>>,
  instance: number,
): InstanceView | undefined {
  return vars[`i${instance + 1}`] as InstanceView | undefined;
}

function opOf(model: Model, opId: string | undefined) {
  return opId === undefined ? undefined : model.ops[opId];
}

/** A non-idempotent op takes effect on a step whose effect already happened. */
function duplicateEffect(
  model: Model,
  steps: readonly StepPlan[],
  prev: Readonly<Record<string, unknown>>,
  action: number,
): ReplayResult | undefined {
  const kind = actionKind(action);
  const step = steps[actionStep(action)];
  const before = view(prev, actionInstance(action))?.steps[step.name]?.effect;
  if (FORWARD_EFFECT.has(kind)) {
    const op = opOf(model, step.step.action.op);
    if (op && !op.idempotent && !op.readonly && (before === "applied" || before === "undone"))
      return { ok: true, rule: "saga-duplicate-effect", reason: `${op.id} takes effect a second time` };
  }
  if (COMP_EFFECT.has(kind)) {
    const op = opOf(model, step.step.compensation?.op);
    if (op && !op.idempotent && (before === "undone" || before === "undone though never applied"))
      return { ok: true, rule: "saga-duplicate-effect", reason: `${op.id} undoes a second time` };
  }
  return undefined;
}

/** A compensation takes effect while the pivot's effect stands. */
function pivotRevoked(
  steps: readonly StepPlan[],
  prev: Readonly<Record<string, unknown>>,
  action: number,
): ReplayResult | undefined {
  if (!COMP_EFFECT.has(actionKind(action))) return undefined;
  const pivot = steps.find((s) => s.isPivot);
  if (!pivot) return undefined;
  if (view(prev, actionInstance(action))?.steps[pivot.name]?.effect === "applied")
    return {
      ok: true,
      rule: "saga-partial-commit",
      reason: `a compensation runs after the pivot ${pivot.name} committed`,
    };
  return undefined;
}

/** Stores an op writes without a key: its service's writing uses, unless it is idempotent or readonly. */
function unkeyedStores(model: Model, opId: string | undefined): string[] {
  const op = opOf(model, opId);
  if (!op || op.idempotent || op.readonly) return [];
  return (model.services[op.service]?.uses ?? []).filter((u) => u.mode !== "read").map((u) => u.store);
}

/**
 * Instance i compensates step s, and since s took effect another instance wrote, without a key,
 * a store that s wrote without a key.
 */
function lostUpdate(
  model: Model,
  steps: readonly StepPlan[],
  trace: Trace,
  actions: readonly number[],
  action: number,
): ReplayResult | undefined {
  if (!COMP_EFFECT.has(actionKind(action))) return undefined;
  const i = actionInstance(action);
  const step = steps[actionStep(action)];
  const last = trace.states.length - 1;
  if (view(trace.states[last - 1].vars, i)?.steps[step.name]?.effect !== "applied") return undefined;
  const stores = unkeyedStores(model, step.step.action.op);
  let since = last - 1;
  while (since > 0 && view(trace.states[since - 1].vars, i)?.steps[step.name]?.effect === "applied") since--;
  for (let k = since + 1; k < last; k++) {
    const a = actions[k];
    if (actionInstance(a) === i) continue;
    const kind = actionKind(a);
    const other = steps[actionStep(a)];
    const opId = FORWARD_EFFECT.has(kind)
      ? other.step.action.op
      : COMP_EFFECT.has(kind)
        ? other.step.compensation?.op
        : undefined;
    const shared = unkeyedStores(model, opId).filter((x) => stores.includes(x));
    if (opId !== undefined && shared.length > 0)
      return {
        ok: true,
        rule: "saga-isolation",
        reason: `state ${k}: another instance writes ${shared.join(", ")} between ${step.name} and its compensation`,
      };
  }
  return undefined;
}

/** A finished instance whose effects are neither all applied nor all undone. */
function partialOutcome(vars: Readonly<Record<string, unknown>>): ReplayResult | undefined {
  for (const [name, v] of Object.entries(vars)) {
    const inst = v as InstanceView;
    if (!inst.steps) continue;
    for (const [step, s] of Object.entries(inst.steps)) {
      if (s.effect === undefined) continue;
      const bad =
        inst.phase === "completed"
          ? s.effect !== "applied"
          : inst.phase === "compensated" &&
            (s.effect === "applied" || s.effect === "undone though never applied");
      if (bad)
        return {
          ok: true,
          rule: "saga-partial-commit",
          reason: `${name} ended ${inst.phase} with ${step} ${s.effect}`,
        };
    }
  }
  return undefined;
}

/** An unfinished instance, the orchestrator up, and no move for it. */
function deadlocked(
  space: SagaSpace,
  state: Uint32Array,
  vars: Readonly<Record<string, unknown>>,
): ReplayResult | undefined {
  const orchestrator = vars.orchestrator as { up: boolean } | undefined;
  if (!orchestrator?.up) return undefined;
  const moves = space
    .successors(state)
    .filter((s) => actionKind(s.action) !== A_DUPLICATE && actionKind(s.action) !== A_COMP_DUPLICATE);
  for (let i = 0; i < space.instances; i++) {
    const inst = view(vars, i);
    if (
      inst &&
      RUNNING.has(inst.phase) &&
      !moves.some((s) => actionInstance(s.action) === i && actionKind(s.action) !== A_RESUME)
    )
      return { ok: true, rule: "saga-stuck", reason: `i${i + 1} is unfinished and nothing can move it` };
  }
  return undefined;
}

/** The loop closes, an instance is unfinished throughout it, and the loop is weakly fair. */
function checkLasso(space: SagaSpace, trace: Trace, visited: Uint32Array[], actions: number[]): ReplayResult {
  const L = trace.loopsTo!;
  const last = trace.states.length - 1;
  if (L < 0 || L >= last) return { ok: false, reason: "loopsTo does not point inside the trace" };
  if (!sameVars(trace.states[last].vars, trace.states[L].vars))
    return { ok: false, reason: `the last state does not repeat state ${L}` };
  const unfinished = [...Array(space.instances).keys()].filter((i) =>
    trace.states.slice(L).every((s) => RUNNING.has(view(s.vars, i)?.phase ?? "")),
  );
  if (unfinished.length === 0) return { ok: false, reason: "every instance finishes inside the loop" };
  let always: Set<number> | undefined;
  for (let k = L; k < last; k++) {
    const fair = new Set(
      space
        .successors(visited[k])
        .filter((s) => isFair(s.action))
        .map((s) => s.action),
    );
    always = always === undefined ? fair : new Set([...always].filter((a) => fair.has(a)));
  }
  const taken = new Set(actions.slice(L + 1));
  for (const a of always ?? [])
    if (!taken.has(a))
      return {
        ok: false,
        reason: `the loop is not fair: "${describeAction(space.plan, a)}" stays enabled but is never taken`,
      };
  return {
    ok: true,
    rule: "saga-stuck",
    reason: `i${unfinished[0] + 1} loops forever without finishing (a fair lasso under weak fairness)`,
  };
}

function sameVars(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v !== null && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}
