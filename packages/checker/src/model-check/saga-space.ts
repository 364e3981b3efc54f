// One saga's state space, ready to explore: its plan, its interned local states, and the product
// of N instances; plus the slow, allocation-friendly views (successor lists, readable variables)
// that traces, liveness and replay use off the hot path.

import { type InstanceVars, instanceName, instanceVars, type StateVars } from "./describe.js";
import { LocalSpace } from "./local-space.js";
import type { SagaPlan } from "./plan.js";
import { ProductSystem } from "./product.js";
import {
  A_COMP_APPLY_WHILE_DOWN,
  A_COMP_DUPLICATE,
  A_COMP_OK,
  A_COMP_TIMEOUT_COMMITTED,
  actionInstance,
  actionKind,
  actionStep,
  V_DUPLICATE,
  V_ISOLATION,
  V_PIVOT_REVOKED,
  violationKind,
} from "./semantics.js";

const COMPENSATING = new Set([
  A_COMP_OK,
  A_COMP_TIMEOUT_COMMITTED,
  A_COMP_APPLY_WHILE_DOWN,
  A_COMP_DUPLICATE,
]);

export interface Successor {
  readonly action: number;
  readonly violation: number;
  /** The successor state (for a violation: the state it would leave, unchanged). */
  readonly state: Uint32Array;
}

export class SagaSpace {
  readonly local: LocalSpace;
  /** The system the explorer runs: symmetry-reduced when `symmetric`. */
  readonly product: ProductSystem;
  /** The same system without symmetry reduction: traces, liveness and replay use it. */
  readonly plain: ProductSystem;
  /**
   * Instances are interchangeable, so the explorer stores one state per permutation class. Used
   * only when no lasso is possible (the local graph is acyclic): fairness is not symmetric per
   * action, so the liveness pass needs the plain product.
   */
  readonly symmetric: boolean;

  constructor(
    readonly plan: SagaPlan,
    readonly instances: number,
    readonly maxCrashes: number,
    symmetry = true,
  ) {
    this.local = new LocalSpace(plan);
    this.plain = new ProductSystem(this.local, instances, maxCrashes);
    this.symmetric = symmetry && instances > 1 && this.local.acyclic;
    this.product = this.symmetric ? new ProductSystem(this.local, instances, maxCrashes, true) : this.plain;
  }

  /** Whether two states are permutations of each other (equal in canonical form). */
  sameUpToSymmetry(a: Uint32Array, b: Uint32Array): boolean {
    const x = a.slice();
    const y = b.slice();
    this.plain.canonicalize(x);
    this.plain.canonicalize(y);
    return x.every((w, i) => w === y[i]);
  }

  get words(): number {
    return this.product.words;
  }

  initialState(): Uint32Array {
    const s = new Uint32Array(this.words);
    this.product.initial(s);
    return s;
  }

  /** Successors in the plain (unreduced) product. */
  successors(state: Uint32Array, off = 0): Successor[] {
    const out: Successor[] = [];
    this.plain.expand(state, off, (action, violation) => {
      out.push({ action, violation, state: this.plain.next.slice() });
    });
    return out;
  }

  /** The readable variables of a global state. */
  vars(state: Uint32Array, off = 0): StateVars {
    const { ids, crashes, down } = this.product.decode(state, off);
    const vars: StateVars = {};
    ids.forEach((id, i) => {
      vars[instanceName(i)] = instanceVars(this.plan, this.local.machine.layout, this.local.block(id));
    });
    vars.orchestrator = { up: !down, crashes };
    return vars;
  }

  /**
   * The variables after a violating transition: the moving instance's block as the rules left it
   * (violations are not explored further, so that block was never interned), with the effect
   * that broke the property described in words.
   */
  violatingVars(state: Uint32Array, action: number, violation: number): StateVars {
    const vars = this.vars(state);
    const { ids, down } = this.product.decode(state);
    const i = actionInstance(action);
    const m = this.local.machine;
    let after: InstanceVars | undefined;
    m.expand(this.local.block(ids[i]), 0, down, (kind, step) => {
      if (after === undefined && kind === actionKind(action) && step === actionStep(action))
        after = instanceVars(this.plan, m.layout, m.next);
    });
    if (!after) return vars;
    const step = this.plan.steps[actionStep(action)];
    const compensating = COMPENSATING.has(actionKind(action));
    const kind = violationKind(violation);
    const note =
      kind === V_DUPLICATE
        ? compensating
          ? "undone twice"
          : "applied twice"
        : kind === V_ISOLATION
          ? "undone over another instance's write (lost update)"
          : kind === V_PIVOT_REVOKED
            ? "undone after the pivot committed"
            : undefined;
    if (note && after.steps[step.name]) after.steps[step.name] = { ...after.steps[step.name], effect: note };
    vars[instanceName(i)] = after;
    return vars;
  }

  /** Whether some started instance has not finished. */
  hasRunningInstance(state: Uint32Array, off = 0): boolean {
    return this.product.decode(state, off).ids.some((id) => this.local.running[id] === 1);
  }
}
