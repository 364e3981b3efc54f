// From explored violations to Diagnostics: which rule, which saga step it points at, a message
// that names the ops and the failure that breaks the property, related ranges at the ops
// involved, help that says how to fix it, and the shortest trace.

import type { Model } from "@archc/compiler";
import type { Diagnostic, RelatedInfo, Trace } from "@archc/dsl";
import type { Exploration } from "./explore.js";
import type { Lasso } from "./liveness.js";
import type { CallPlan, SagaPlan, StepPlan } from "./plan.js";
import { type ModelCheckRuleId, modelCheckRule } from "./rules.js";
import type { SagaSpace } from "./saga-space.js";
import {
  A_APPLY_WHILE_DOWN,
  A_COMP_APPLY_WHILE_DOWN,
  A_COMP_DUPLICATE,
  A_COMP_OK,
  A_COMP_RETRY,
  A_COMP_TIMEOUT_COMMITTED,
  A_CRASH,
  A_DUPLICATE,
  A_OK,
  A_RETRY,
  A_TIMEOUT_COMMITTED,
  actionInstance,
  actionKind,
  actionStep,
  V_DUPLICATE,
  V_ISOLATION,
  V_PARTIAL,
  V_PIVOT_REVOKED,
  violationKind,
  violationStep,
} from "./semantics.js";
import { concreteRun, pathTo, traceOfLasso, traceOfRun } from "./trace.js";

interface Finding {
  readonly rule: ModelCheckRuleId;
  readonly step: StepPlan | undefined;
  readonly message: string;
  readonly help: string;
  readonly related: RelatedInfo[];
  readonly trace: Trace;
}

const short = (opId: string): string => {
  const [svc, , op] = opId.split(".");
  return op === undefined ? opId : `${svc}.${op}`;
};

const COMPENSATION_KINDS = new Set([
  A_COMP_OK,
  A_COMP_TIMEOUT_COMMITTED,
  A_COMP_APPLY_WHILE_DOWN,
  A_COMP_DUPLICATE,
]);

/**
 * A finding and the names of the model elements it involves (the saga, the step's services and
 * ops, the stores): what `allow <rule> on <name>` matches.
 */
export interface ModelCheckFinding {
  readonly diagnostic: Diagnostic;
  readonly elements: readonly string[];
}

export function findingsOf(
  model: Model,
  space: SagaSpace,
  explored: Exploration,
  lasso: Lasso | undefined,
): ModelCheckFinding[] {
  const plan = space.plan;
  const found: Finding[] = [];
  for (const hit of explored.violations) {
    const run = concreteRun(space, explored.set, pathTo(explored.set, hit.parent), {
      action: hit.action,
      violation: hit.code,
    });
    const trace = traceOfRun(space, run);
    found.push(violationFinding(model, plan, hit.code, run.last!.action, run.actions.slice(1), trace));
  }
  if (explored.deadlock) {
    const trace = traceOfRun(
      space,
      concreteRun(space, explored.set, pathTo(explored.set, explored.deadlock.state)),
    );
    const instance = 31 - Math.clz32(explored.deadlock.instances & -explored.deadlock.instances);
    found.push({
      rule: "saga-stuck",
      step: undefined,
      message: `saga ${plan.saga.name}: instance i${instance + 1} can get stuck: it has not finished and nothing can move it`,
      help: "this is a dead end of the saga's semantics; please report it with the trace",
      related: [],
      trace,
    });
  }
  if (lasso) found.push(lassoFinding(model, plan, lasso, traceOfLasso(space, explored.set, lasso)));

  // One finding per rule and step: the first is the shortest (BFS order, then trace length).
  found.sort((a, b) => a.trace.states.length - b.trace.states.length);
  const seen = new Set<string>();
  const out: ModelCheckFinding[] = [];
  for (const f of found) {
    const key = `${f.rule}\u0000${f.step?.name ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const meta = modelCheckRule(f.rule);
    out.push({
      diagnostic: {
        code: f.rule,
        severity: meta.severity,
        message: f.message,
        span: f.step ? f.step.step.span : plan.saga.nameSpan,
        related: f.related,
        help: f.help,
        trace: f.trace,
      },
      elements: elementsOf(plan, f.step),
    });
  }
  return out;
}

function violationFinding(
  model: Model,
  plan: SagaPlan,
  code: number,
  action: number,
  before: readonly number[],
  trace: Trace,
): Finding {
  const saga = plan.saga.name;
  const kind = violationKind(code);
  const step = plan.steps[violationStep(code)];
  const crashed = before.some((a) => actionKind(a) === A_CRASH);
  if (kind === V_DUPLICATE) {
    const compensating = COMPENSATION_KINDS.has(actionKind(action));
    const call = compensating ? step.compensation! : step.action;
    const op = short(call.opId);
    const delivered = actionKind(action) === A_DUPLICATE || actionKind(action) === A_COMP_DUPLICATE;
    const cause = delivered
      ? "its message can be delivered twice (at-least-once delivery)"
      : crashed
        ? "the orchestrator can crash while the call is in flight and re-send it when it restarts"
        : compensating || step.mustSucceed
          ? "the call can time out after it committed, and a must-succeed call is re-sent until it answers"
          : `the call can time out after it committed, and the orchestrator retries it (retries ${call.retries})`;
    const related = [opRelated(model, call, `${op} is declared here without \`idempotent\``)];
    if (!delivered && call.callSpan)
      related.push({ span: call.callSpan, message: "the call policy that retries it" });
    return {
      rule: "saga-duplicate-effect",
      step,
      message: `saga ${saga}: ${compensating ? "the compensation " : ""}${op} of step ${step.name} can take effect twice: ${cause}, and ${op} is not idempotent`,
      help: `make ${op} idempotent (deduplicate on a key such as the saga id) and declare it \`idempotent\`${
        !delivered && !compensating && !step.mustSucceed && call.retries > 0
          ? ", or remove the retries from the call"
          : ""
      }`,
      related,
      trace,
    };
  }
  if (kind === V_PIVOT_REVOKED || (kind === V_PARTIAL && step.isPivot)) {
    const op = short(step.action.opId);
    const by = plan.saga.by;
    return {
      rule: "saga-partial-commit",
      step,
      message: `saga ${saga}: the pivot ${step.name} (${op}) can commit while the orchestrator sees it fail (${
        crashed ? "a crash lost its reply" : "it timed out with no retries left"
      }); compensating the earlier steps then leaves the saga partially committed`,
      help: `make the pivot a local transaction of the orchestrator${by ? ` (an op of ${by})` : ""}, or have the orchestrator learn the pivot's outcome before it compensates (re-send an idempotent pivot until it answers)`,
      related: [opRelated(model, step.action, `the pivot ${op} is declared here`)],
      trace,
    };
  }
  if (kind === V_PARTIAL) {
    const op = short(step.action.opId);
    const lastVars = trace.states[trace.states.length - 1].vars;
    if (hasEffect(lastVars, step.name, "undone though never applied") && step.compensation) {
      const comp = short(step.compensation.opId);
      return {
        rule: "saga-partial-commit",
        step,
        message: `saga ${saga}: the compensation ${comp} of step ${step.name} can run although ${op} never took effect (its call timed out), and ${comp} is not declared \`tolerates-absent\`; the saga ends compensated for something that never happened`,
        help: `make ${comp} a no-op when ${step.name} never happened and declare it \`tolerates-absent\``,
        related: [
          opRelated(model, step.compensation, `${comp} is declared here without \`tolerates-absent\``),
        ],
        trace,
      };
    }
    return {
      rule: "saga-partial-commit",
      step,
      message: `saga ${saga}: step ${step.name} (${op}) can commit and stay committed while the saga ends compensated: ${
        step.compensation ? "its outcome was lost" : "it has no compensation"
      }`,
      help: step.compensation
        ? `make sure ${op} commits atomically with the orchestrator's log, or compensate it whenever its outcome is unknown`
        : `give step ${step.name} a compensation (\`compensate SVC.OP\`), or move it after the pivot`,
      related: [opRelated(model, step.action, `${op} is declared here`)],
      trace,
    };
  }
  if (kind === V_ISOLATION) {
    const victim = actionInstance(action);
    const op = short(step.action.opId);
    const comp = step.compensation ? short(step.compensation.opId) : "its compensation";
    const stores = step.exposes.map((x) => plan.stores[x]);
    const other = before
      .slice()
      .reverse()
      .find((a) => actionInstance(a) !== victim && writesAny(plan, a, step.exposes));
    const otherCall = other === undefined ? undefined : callOf(plan, other);
    const otherText = otherCall
      ? `i${actionInstance(other!) + 1}'s ${short(otherCall.opId)}`
      : "another instance's write";
    const related = [opRelated(model, step.action, `${op} writes ${stores.join(", ")} without a key`)];
    if (otherCall && otherCall.opId !== step.action.opId)
      related.push(opRelated(model, otherCall, `${short(otherCall.opId)} writes there too`));
    for (const s of stores) {
      const store = model.stores[s];
      if (store) related.push({ span: store.nameSpan, message: `the store ${s}` });
    }
    return {
      rule: "saga-isolation",
      step,
      message: `saga ${saga}: two instances write ${stores.join(", ")} with no countermeasure: ${otherText} lands between i${
        victim + 1
      }'s ${op} and its compensation ${comp}, which can then overwrite it (lost update)`,
      help: `make the writes keyed by the saga instance and declare the ops \`idempotent\`, or keep other instances off the data until the saga ends (a semantic lock)`,
      related,
      trace,
    };
  }
  throw new Error(`internal: unknown violation kind ${kind}`);
}

function lassoFinding(model: Model, plan: SagaPlan, lasso: Lasso, trace: Trace): Finding {
  const saga = plan.saga.name;
  const retry = lasso.cycle.find(
    (e) => actionKind(e.action) === A_RETRY || actionKind(e.action) === A_COMP_RETRY,
  );
  const note = "(a lasso: the run repeats the loop forever; the loop is fair, under weak fairness)";
  if (retry) {
    const step = plan.steps[actionStep(retry.action)];
    const who = `i${actionInstance(retry.action) + 1}`;
    if (actionKind(retry.action) === A_COMP_RETRY) {
      const comp = short(step.compensation!.opId);
      return {
        rule: "saga-stuck",
        step,
        message: `saga ${saga}: the compensation ${comp} of step ${step.name} can fail with ${step.compensation!.errors.join(
          " | ",
        )} each time it is re-sent, so ${who} never finishes compensating ${note}`,
        help: `a compensation must not fail for business reasons: make ${comp} always accept the undo (no declared errors), or handle the error inside it`,
        related: [opRelated(model, step.compensation!, `${comp} declares errors here`)],
        trace,
      };
    }
    const op = short(step.action.opId);
    return {
      rule: "saga-stuck",
      step,
      message: `saga ${saga}: step ${step.name} must succeed (it is retriable or after the pivot), but ${op} can fail with ${step.action.errors.join(
        " | ",
      )} each time it is re-sent, so ${who} never completes ${note}`,
      help: `move the check that can fail before the pivot, or make ${op} accept every request that reaches it (no declared errors)`,
      related: [opRelated(model, step.action, `${op} declares errors here`)],
      trace,
    };
  }
  return {
    rule: "saga-stuck",
    step: undefined,
    message: `saga ${saga}: an instance can run forever without completing or finishing compensating ${note}`,
    help: "follow the loop in the trace to see which call keeps the instance from finishing",
    related: [],
    trace,
  };
}

function opRelated(model: Model, call: CallPlan, message: string): RelatedInfo {
  return { span: model.ops[call.opId]?.nameSpan ?? call.op.nameSpan, message };
}

function callOf(plan: SagaPlan, action: number): CallPlan | undefined {
  const step = plan.steps[actionStep(action)];
  if (!step) return undefined;
  return COMPENSATION_KINDS.has(actionKind(action)) ? step.compensation : step.action;
}

/** Kinds of action that make an effect happen at a participant. */
const EFFECT_KINDS = new Set([
  A_OK,
  A_TIMEOUT_COMMITTED,
  A_APPLY_WHILE_DOWN,
  A_COMP_OK,
  A_COMP_TIMEOUT_COMMITTED,
  A_COMP_APPLY_WHILE_DOWN,
]);

function writesAny(plan: SagaPlan, action: number, stores: readonly number[]): boolean {
  if (!EFFECT_KINDS.has(actionKind(action))) return false;
  const call = callOf(plan, action);
  return call?.unkeyedWrites.some((x) => stores.includes(x)) === true;
}

function hasEffect(vars: Trace["states"][number]["vars"], step: string, effect: string): boolean {
  return Object.values(vars).some(
    (v) => (v as { steps?: Record<string, { effect?: string }> }).steps?.[step]?.effect === effect,
  );
}

function elementsOf(plan: SagaPlan, step: StepPlan | undefined): string[] {
  const names = [plan.saga.name];
  for (const call of step ? [step.action, step.compensation] : []) {
    if (!call) continue;
    names.push(call.op.service, call.opId);
  }
  if (step) names.push(...step.exposes.map((x) => plan.stores[x]));
  return [...new Set(names)];
}
