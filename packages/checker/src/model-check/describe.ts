// Words for packed things: action codes become sentences ("i1 charge: payments.charge times out
// after committing") and local states become records of readable variables. Traces, ITF output
// and trace replay all go through here, so the words are the same everywhere.

import type { Span } from "@archc/dsl";
import {
  type InstanceLayout,
  PHASE_BACKWARD,
  PHASE_COMPENSATED,
  PHASE_COMPLETED,
  PHASE_FORWARD,
  PHASE_NOT_STARTED,
} from "./layout.js";
import type { SagaPlan } from "./plan.js";
import {
  A_APPLY_WHILE_DOWN,
  A_COMP_APPLY_WHILE_DOWN,
  A_COMP_DUPLICATE,
  A_COMP_ERR,
  A_COMP_OK,
  A_COMP_RETRY,
  A_COMP_TIMEOUT_COMMITTED,
  A_CRASH,
  A_DUPLICATE,
  A_ERR,
  A_OK,
  A_RESUME,
  A_RETRY,
  A_START,
  A_TIMEOUT_COMMITTED,
  A_TIMEOUT_LOST,
  actionInstance,
  actionKind,
  actionStep,
} from "./semantics.js";

export const PHASE_NAMES: Record<number, string> = {
  [PHASE_NOT_STARTED]: "not started",
  [PHASE_FORWARD]: "running",
  [PHASE_BACKWARD]: "compensating",
  [PHASE_COMPLETED]: "completed",
  [PHASE_COMPENSATED]: "compensated",
};

/** The orchestrator's view of a step, by status code. */
export const CALL_NAMES = [
  "not sent",
  "in flight",
  "done",
  "business error",
  "unknown (timed out)",
  "compensating",
  "compensated",
  "compensation error",
];

/** What happened at the participant, by world code. */
export const EFFECT_NAMES = ["none", "applied", "undone", "undone though never applied"];

export const INITIAL_ACTION = "initial state";

export interface StepVars {
  call: string;
  effect?: string;
  attempt?: number;
}

export interface InstanceVars {
  phase: string;
  steps: Record<string, StepVars>;
  /** Stores another instance wrote (unkeyed) while this one had an exposed write there. */
  overwrittenBy?: string[];
}

export interface OrchestratorVars {
  up: boolean;
  crashes: number;
}

export type StateVars = Record<string, InstanceVars | OrchestratorVars>;

export function instanceName(i: number): string {
  return `i${i + 1}`;
}

export function instanceVars(plan: SagaPlan, L: InstanceLayout, block: Uint32Array): InstanceVars {
  const steps: Record<string, StepVars> = {};
  for (const p of plan.steps) {
    const v: StepVars = { call: CALL_NAMES[L.get(block, L.status[p.index])] };
    if (L.world[p.index] >= 0) v.effect = EFFECT_NAMES[L.get(block, L.world[p.index])];
    if (L.attempt[p.index] >= 0) v.attempt = L.get(block, L.attempt[p.index]) + 1;
    steps[p.name] = v;
  }
  const vars: InstanceVars = { phase: PHASE_NAMES[L.get(block, L.phase)], steps };
  const marked = plan.stores.filter((_, x) => L.get(block, L.touched[x]) === 1);
  if (marked.length > 0) vars.overwrittenBy = marked.map((s) => `${s}: another instance wrote it`);
  return vars;
}

const shortOp = (opId: string): string => {
  const [svc, , op] = opId.split(".");
  return op === undefined ? opId : `${svc}.${op}`;
};

/** One sentence for an action code. */
export function describeAction(plan: SagaPlan, code: number): string {
  const kind = actionKind(code);
  if (kind === A_CRASH) return "the orchestrator crashes";
  if (kind === A_RESUME) return "the orchestrator restarts and resumes from its log";
  const who = instanceName(actionInstance(code));
  if (kind === A_START) return `${who} starts saga ${plan.saga.name}`;
  const p = plan.steps[actionStep(code)];
  const op = shortOp(p.action.opId);
  const comp = p.compensation ? `compensation ${shortOp(p.compensation.opId)}` : "compensation";
  const at = `${who} ${p.name}:`;
  switch (kind) {
    case A_OK:
      return `${at} ${op} succeeds`;
    case A_ERR:
      return `${at} ${op} fails with ${p.action.errors.join(" | ")}`;
    case A_TIMEOUT_COMMITTED:
      return `${at} ${op} times out after it committed`;
    case A_TIMEOUT_LOST:
      return `${at} ${op} times out before it took effect`;
    case A_RETRY:
      return `${at} the orchestrator re-sends ${op}`;
    case A_COMP_OK:
      return `${at} ${comp} succeeds`;
    case A_COMP_ERR:
      return `${at} ${comp} fails with ${p.compensation?.errors.join(" | ")}`;
    case A_COMP_TIMEOUT_COMMITTED:
      return `${at} ${comp} times out after it committed`;
    case A_COMP_RETRY:
      return `${at} the orchestrator re-sends ${comp}`;
    case A_DUPLICATE:
      return `${at} the message for ${op} is delivered again`;
    case A_COMP_DUPLICATE:
      return `${at} the message for ${comp} is delivered again`;
    case A_APPLY_WHILE_DOWN:
      return `${at} ${op} commits while the orchestrator is down (the reply is lost)`;
    case A_COMP_APPLY_WHILE_DOWN:
      return `${at} ${comp} commits while the orchestrator is down (the reply is lost)`;
    default:
      return `${at} action ${kind}`;
  }
}

/** The source range an action is about: its saga step, or the saga for orchestrator events. */
export function actionSpan(plan: SagaPlan, code: number | undefined): Span {
  if (code === undefined) return plan.saga.nameSpan;
  const kind = actionKind(code);
  if (kind === A_CRASH || kind === A_RESUME || kind === A_START) return plan.saga.nameSpan;
  return plan.steps[actionStep(code)].step.span;
}
