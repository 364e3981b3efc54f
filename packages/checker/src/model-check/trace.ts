// Counterexamples as `Trace`s: numbered states, each with the action that led to it (in words),
// the readable variables after it, and the saga step it concerns.

import type { Trace, TraceState } from "@archc/dsl";
import { actionSpan, describeAction, INITIAL_ACTION, type StateVars } from "./describe.js";
import type { StateSet } from "./state-set.js";
import type { Lasso } from "./liveness.js";
import type { SagaSpace, Successor } from "./saga-space.js";
import { A_RESUME, actionKind, actionStep } from "./semantics.js";

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

/** A run of the plain product: its states and the action that led to each (none for the first). */
export interface ConcreteRun {
  readonly states: readonly Uint32Array[];
  readonly actions: readonly number[];
  /** The violating transition at the end, if any. */
  readonly last?: Successor;
}

const sameKindAndStep = (a: number, b: number): boolean =>
  actionKind(a) === actionKind(b) && actionStep(a) === actionStep(b);

/**
 * The run along a BFS path, ending with a violating transition when given. Under symmetry
 * reduction the explored states are canonical representatives, so the run is re-simulated in
 * the plain product: each step takes the move of the same kind and step whose successor is a
 * permutation of the next explored state. The result is a genuine run with stable instance names.
 */
export function concreteRun(
  space: SagaSpace,
  set: StateSet,
  path: readonly number[],
  last?: { readonly action: number; readonly violation: number },
): ConcreteRun {
  const states: Uint32Array[] = [];
  const actions: number[] = [];
  let actual = space.initialState();
  states.push(actual);
  actions.push(-1);
  for (let k = 1; k < path.length; k++) {
    const target = stateAt(space, set, path[k]);
    const via = set.via[path[k]];
    const next = space
      .successors(actual)
      .find(
        (s) =>
          s.violation === 0 &&
          (space.symmetric
            ? sameKindAndStep(s.action, via) && space.sameUpToSymmetry(s.state, target)
            : s.action === via),
      );
    if (!next) throw new Error("internal: an explored transition cannot be re-simulated");
    actual = next.state;
    states.push(actual);
    actions.push(next.action);
  }
  const lastMove =
    last &&
    space
      .successors(actual)
      .find(
        (s) =>
          s.violation === last.violation &&
          (space.symmetric ? sameKindAndStep(s.action, last.action) : s.action === last.action),
      );
  if (last && !lastMove) throw new Error("internal: a recorded violation cannot be re-simulated");
  return { states, actions, last: lastMove };
}

/** The trace of a run: numbered states with their actions and readable variables. */
export function traceOfRun(space: SagaSpace, run: ConcreteRun): Trace {
  const states: TraceState[] = run.states.map((st, k) =>
    traceState(space, k, k === 0 ? undefined : run.actions[k], space.vars(st)),
  );
  const last = run.last;
  if (last) {
    const from = run.states[run.states.length - 1];
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
  const prefix = traceOfRun(space, concreteRun(space, set, lasso.prefix));
  const states = [...prefix.states];
  for (const e of lasso.cycle)
    states.push(traceState(space, states.length, e.action, space.vars(stateAt(space, set, e.state))));
  return { states, loopsTo: prefix.states.length - 1 };
}
