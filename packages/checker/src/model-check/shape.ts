// A saga's shape: everything its exploration reads from the plan, and nothing else. Two sagas
// with the same shape (and the same instances, crashes, symmetry and bound) have the same state
// space state for state — the encoding depends only on these facts, never on step, op, store or
// saga names — so one exploration serves both: the second saga's findings are rebuilt from the
// first one's explored states with the second saga's own plan (its names and spans). Large
// systems repeat a few saga shapes many times, so this is where the model checker scales.
//
// The projection is deliberately conservative: it keeps every non-cosmetic field of the plan
// (counts where only presence is read), so two plans that differ in anything the semantics or
// the layout could read never share an exploration.

import type { CallPlan, SagaPlan } from "./plan.js";

function callShape(c: CallPlan | undefined): unknown {
  if (c === undefined) return null;
  return [
    c.local,
    c.messageDriven,
    c.canTimeout,
    c.retries,
    c.errors.length,
    c.idempotent,
    c.effectful,
    c.toleratesAbsent,
    c.unkeyedWrites,
  ];
}

/** A key equal for two plans exactly when their explorations are isomorphic. */
export function sagaShapeKey(plan: SagaPlan): string {
  return JSON.stringify([
    plan.orchestrated,
    plan.pivot,
    plan.stores.length,
    plan.stages,
    plan.steps.map((s) => [
      s.index,
      s.stage,
      s.mustSucceed,
      s.isPivot,
      s.exposes,
      callShape(s.action),
      callShape(s.compensation),
    ]),
  ]);
}
