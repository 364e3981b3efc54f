// Sagas of the same shape share one exploration (shape.ts). The reuse must be invisible: the
// findings of a saga checked after an isomorphic one are exactly those it gets when checked
// alone, with its own names and spans; sagas that differ in anything the semantics reads are
// never merged; and the shape covers every field a plan has.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatModelCheckSummary, modelCheck } from "../../src/model-check/index.js";
import { planSaga } from "../../src/model-check/plan.js";
import { sagaShapeKey } from "../../src/model-check/shape.js";
import { sagaSpecArb } from "./fixtures/arbitrary-saga.js";
import { buildModel, type ModelSpec } from "./fixtures/build-model.js";

/** The spec's one saga twice: `first`, then `second` with renamed steps. */
function twice(spec: ModelSpec): ModelSpec {
  const [saga] = Object.values(spec.sagas);
  const renamed = saga.steps.map((st) => ({ ...st, name: `r-${st.name}` }));
  return { ...spec, sagas: { first: saga, second: { ...saga, steps: renamed } } };
}

const ofSaga = (name: string) => (message: string) => message.startsWith(`saga ${name}:`);

describe("saga shapes", () => {
  it("a saga checked after an isomorphic one gets exactly the findings it gets alone", () => {
    let reusedWithFindings = 0;
    fc.assert(
      fc.property(sagaSpecArb, (spec) => {
        const model = buildModel(twice(spec));
        const both = modelCheck(model);
        const alone = modelCheck(model, { sagas: ["second"] });
        const second = both.stats.sagas.find((s) => s.saga === "second")!;
        expect(second.sameShapeAs).toBe("first");
        expect(alone.stats.sagas[0].sameShapeAs).toBeUndefined();
        const fromBoth = both.diagnostics.filter((d) => ofSaga("second")(d.message));
        expect(fromBoth).toEqual(alone.diagnostics);
        expect(second.findings).toBe(alone.stats.sagas[0].findings);
        expect(second.distinctStates).toBe(alone.stats.sagas[0].distinctStates);
        if (fromBoth.length > 0) {
          reusedWithFindings++;
          // The first saga has the same findings, under its own name.
          expect(both.diagnostics.filter((d) => ofSaga("first")(d.message)).length).toBe(fromBoth.length);
        }
      }),
      { numRuns: 40, seed: 7 },
    );
    expect(reusedWithFindings).toBeGreaterThan(0);
  });

  it("says in the summary which exploration was reused", () => {
    const spec = fc.sample(sagaSpecArb, { numRuns: 1, seed: 3 })[0];
    const r = modelCheck(buildModel(twice(spec)));
    const lines = formatModelCheckSummary(r.stats.sagas);
    expect(lines[1]).toContain("saga second");
    expect(lines[1]).toContain("the same state space as saga first");
    expect(lines[0]).not.toContain("same state space");
  });

  it("never merges sagas that differ in what the explorer reads", () => {
    fc.assert(
      fc.property(sagaSpecArb, sagaSpecArb, (a, b) => {
        const planA = planSaga(buildModel(a), Object.values(buildModel(a).sagas)[0]);
        const modelB = buildModel(b);
        const planB = planSaga(modelB, Object.values(modelB.sagas)[0]);
        if (!planA.ok || !planB.ok) return;
        if (sagaShapeKey(planA.plan) !== sagaShapeKey(planB.plan)) return;
        // Same key: the two explorations must be the same, state for state.
        const ra = modelCheck(buildModel(a));
        const rb = modelCheck(modelB);
        expect(rb.stats.sagas[0].distinctStates).toBe(ra.stats.sagas[0].distinctStates);
        expect(rb.stats.sagas[0].statesExplored).toBe(ra.stats.sagas[0].statesExplored);
        expect(rb.diagnostics.map((d) => d.code)).toEqual(ra.diagnostics.map((d) => d.code));
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it("a different retry count is a different shape", () => {
    const spec: ModelSpec = {
      services: {
        o: { ops: {}, calls: [["p.a", { retries: 0 }]] },
        p: { ops: { a: { idempotent: false } } },
        q: { ops: { a: { idempotent: false } } },
      },
      sagas: { s: { by: "o", steps: [{ name: "x", op: "p.a" }] } },
    };
    const retried: ModelSpec = {
      ...spec,
      services: { ...spec.services, o: { ops: {}, calls: [["p.a", { retries: 2 }]] } },
    };
    const key = (m: ModelSpec) => {
      const model = buildModel(m);
      const planned = planSaga(model, model.sagas.s);
      if (!planned.ok) throw new Error(planned.reason);
      return sagaShapeKey(planned.plan);
    };
    expect(key(spec)).not.toBe(key(retried));
  });

  it("covers every field of a plan (a new field must be classified in shape.ts)", () => {
    const spec = fc.sample(sagaSpecArb, { numRuns: 1, seed: 5 })[0];
    const model = buildModel(spec);
    const planned = planSaga(model, Object.values(model.sagas)[0]);
    if (!planned.ok) throw new Error(planned.reason);
    const { plan } = planned;
    // Cosmetic fields (names, model objects, spans) are left out on purpose; the rest is in the key.
    expect(Object.keys(plan).sort()).toEqual(["orchestrated", "pivot", "saga", "stages", "steps", "stores"]);
    expect(Object.keys(plan.steps[0]).sort()).toEqual(
      [
        "action",
        "compensation",
        "exposes",
        "index",
        "isPivot",
        "mustSucceed",
        "name",
        "stage",
        "step",
      ].filter((k) => k !== "compensation" || "compensation" in plan.steps[0]),
    );
    const callKeys = [
      "canTimeout",
      "effectful",
      "errors",
      "idempotent",
      "local",
      "messageDriven",
      "op",
      "opId",
      "retries",
      "toleratesAbsent",
      "unkeyedWrites",
    ];
    expect(
      Object.keys(plan.steps[0].action)
        .filter((k) => k !== "callSpan")
        .sort(),
    ).toEqual(callKeys);
  });
});
