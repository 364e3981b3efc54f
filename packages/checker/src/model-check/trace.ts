// Counterexamples as `Trace`s: numbered states, each with the action that led to it (in words),
// the readable variables after it, and the saga step it concerns.

import type { Trace, TraceState } from "@archc/dsl";
import { actionSpan, describeAction, INITIAL_ACTION, type StateVars } from "./describe.js";
import type { StateSet } from "./state-set.js";
import type { Lasso } from "./liveness.js";
import type { SagaSpace, Successor } from "./saga-space.js";
import { A_RESUME, actionKind } from "./semantics.js";

/** State indices from the initial state to `idx`, following BFS parents. */
export function pathTo(set: StateSet, idx: number): number[] {
  const path: number[] = [];
  for (let v = idx; v >= 0; v = set.parent[v]) path.push(v);
  return path.reverse();
}

function stateAt(space: SagaSpace, set: StateSet, idx: number): Uint32Array {
  return set.states.subarray(idx * space.words, (idx + 1) * space.words);
}

function traceState(
  space: SagaSpace,
  index: number,
  action: number | undefined,
  vars: StateVars,
): TraceState {
  return {
    index,
    action: action === undefined ? INITIAL_ACTION : describeAction(space.plan, action),
    vars,
    span: actionSpan(space.plan, action),
  };
}

/** The states along a BFS path, then (for a safety violation) the violating transition. */
export function traceOfPath(
  space: SagaSpace,
  set: StateSet,
  path: readonly number[],
  last?: Successor,
): Trace {
  const states: TraceState[] = path.map((idx, k) =>
    traceState(space, k, k === 0 ? undefined : set.via[idx], space.vars(stateAt(space, set, idx))),
  );
  if (last) {
    const from = stateAt(space, set, path[path.length - 1]);
    // A resume lands in an interned state; any other violating move leaves its block un-interned.
    const vars =
      actionKind(last.action) === A_RESUME
        ? space.vars(last.state)
        : space.violatingVars(from, last.action, last.violation);
    states.push(traceState(space, states.length, last.action, vars));
  }
  return { states };
}

/** A lasso: the prefix to the cycle's entry, the cycle, and the entry repeated at the end. */
export function traceOfLasso(space: SagaSpace, set: StateSet, lasso: Lasso): Trace {
  const prefix = traceOfPath(space, set, lasso.prefix);
  const states = [...prefix.states];
  for (const e of lasso.cycle)
    states.push(traceState(space, states.length, e.action, space.vars(stateAt(space, set, e.state))));
  return { states, loopsTo: prefix.states.length - 1 };
}

/** Finds the successor of `parent` produced by `action` (with this violation, if given). */
export function successorBy(
  space: SagaSpace,
  set: StateSet,
  parent: number,
  action: number,
  violation?: number,
): Successor {
  const found = space
    .successors(stateAt(space, set, parent))
    .find((s) => s.action === action && (violation === undefined || s.violation === violation));
  if (!found) throw new Error("internal: a recorded transition is no longer enabled");
  return found;
}
