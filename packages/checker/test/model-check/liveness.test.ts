// The lasso search: restricting it to states with an instance on a local cycle finds exactly
// what the unrestricted search finds, an acyclic local graph really has no lasso, and every
// lasso is fair and returns to its entry.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explore } from "../../src/model-check/explore.js";
import { findFairLasso } from "../../src/model-check/liveness.js";
import { planSaga } from "../../src/model-check/plan.js";
import { SagaSpace } from "../../src/model-check/saga-space.js";
import { isFair } from "../../src/model-check/semantics.js";
import { sagaSpecArb } from "./fixtures/arbitrary-saga.js";
import { buildModel } from "./fixtures/build-model.js";

describe("the lasso search", () => {
  it("finds the same lasso restricted to cyclic local states as over every state", () => {
    let lassos = 0;
    fc.assert(
      fc.property(sagaSpecArb, (spec) => {
        const model = buildModel(spec);
        const planned = planSaga(model, model.sagas.s);
        if (!planned.ok) throw new Error(planned.reason);
        const space = new SagaSpace(planned.plan, 2, 1, false);
        const explored = explore(space.product, { maxStates: 1e7 });
        const restricted = findFairLasso(space, explored, true);
        const full = findFairLasso(space, explored, false);
        expect(restricted).toEqual(full);
        if (space.local.acyclic) expect(full).toBeUndefined();
        if (!full) return;
        lassos++;
        const entry = full.prefix[full.prefix.length - 1];
        expect(full.cycle[full.cycle.length - 1].state).toBe(entry);
        // Every fair action enabled all around the loop is taken on it.
        const loopStates = [entry, ...full.cycle.slice(0, -1).map((e) => e.state)];
        const taken = new Set(full.cycle.map((e) => e.action));
        const enabled = loopStates.map(
          (v) =>
            new Set(
              space
                .successors(explored.set.states, v * space.words)
                .filter((s) => isFair(s.action))
                .map((s) => s.action),
            ),
        );
        for (const a of enabled[0]) if (enabled.every((e) => e.has(a))) expect(taken.has(a)).toBe(true);
      }),
      { numRuns: 80, seed: 4 },
    );
    expect(lassos).toBeGreaterThan(5);
  });
});
