// The packed explorer against a naive one: on random small sagas, a plain breadth-first search
// over object states (a Map of strings) must find exactly the states, violations and shortest
// violation depths the packed explorer finds, and symmetry reduction must keep exactly one state
// per permutation class and lose no violation. Every finding's trace must replay.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explore } from "../../src/model-check/explore.js";
import { modelCheck, replayTrace } from "../../src/model-check/index.js";
import { planSaga } from "../../src/model-check/plan.js";
import { SagaSpace } from "../../src/model-check/saga-space.js";
import { pathTo } from "../../src/model-check/trace.js";
import { buildModel } from "./fixtures/build-model.js";
import { sagaSpecArb } from "./fixtures/arbitrary-saga.js";

interface Naive {
  states: Map<string, number>;
  /** Shortest number of transitions to each violation code (the violating one included). */
  violationDepth: Map<number, number>;
}

function naiveBfs(space: SagaSpace): Naive {
  const key = (s: Uint32Array): string => s.join(",");
  const init = space.initialState();
  const states = new Map([[key(init), 0]]);
  const violationDepth = new Map<number, number>();
  let frontier = [init];
  for (let depth = 0; frontier.length > 0; depth++) {
    const next: Uint32Array[] = [];
    for (const s of frontier) {
      for (const succ of space.successors(s)) {
        if (succ.violation !== 0) {
          if (!violationDepth.has(succ.violation)) violationDepth.set(succ.violation, depth + 1);
          continue;
        }
        const k = key(succ.state);
        if (!states.has(k)) {
          states.set(k, depth + 1);
          next.push(succ.state);
        }
      }
    }
    frontier = next;
  }
  return { states, violationDepth };
}

function spaceOf(spec: Parameters<typeof buildModel>[0], instances: number, symmetry: boolean) {
  const model = buildModel(spec);
  const planned = planSaga(model, model.sagas.s);
  if (!planned.ok) throw new Error(planned.reason);
  return { model, space: new SagaSpace(planned.plan, instances, 1, symmetry) };
}

describe("the packed explorer", () => {
  it("finds the same states, violations and shortest depths as a naive BFS", () => {
    fc.assert(
      fc.property(sagaSpecArb, (spec) => {
        const { space } = spaceOf(spec, 2, false);
        const naive = naiveBfs(space);
        const run = explore(space.product, { maxStates: 1e7 });
        expect(run.bounded).toBe(false);
        expect(run.set.size).toBe(naive.states.size);
        const codes = new Set(run.violations.map((v) => v.code));
        expect(codes).toEqual(new Set(naive.violationDepth.keys()));
        for (const v of run.violations) {
          expect(pathTo(run.set, v.parent).length).toBe(naive.violationDepth.get(v.code));
        }
      }),
      { numRuns: 60, seed: 1 },
    );
  });

  it("with symmetry keeps one state per permutation class and loses no violation", () => {
    fc.assert(
      fc.property(sagaSpecArb, (spec) => {
        const plain = spaceOf(spec, 2, false).space;
        const reduced = spaceOf(spec, 2, true).space;
        fc.pre(reduced.symmetric);
        const naive = naiveBfs(plain);
        const classes = new Set<string>();
        for (const k of naive.states.keys()) {
          const s = Uint32Array.from(k.split(",").map(Number));
          plain.plain.canonicalize(s);
          classes.add(s.join(","));
        }
        const run = explore(reduced.product, { maxStates: 1e7 });
        expect(run.set.size).toBe(classes.size);
        expect(new Set(run.violations.map((v) => v.code))).toEqual(new Set(naive.violationDepth.keys()));
        for (const v of run.violations)
          expect(pathTo(run.set, v.parent).length).toBe(naive.violationDepth.get(v.code));
      }),
      { numRuns: 60, seed: 2 },
    );
  });

  it("reports the same findings with and without symmetry, and every trace replays", () => {
    fc.assert(
      fc.property(sagaSpecArb, (spec) => {
        const model = buildModel(spec);
        const on = modelCheck(model, { instances: 2 });
        const off = modelCheck(model, { instances: 2, symmetry: false });
        const keys = (r: typeof on) => r.diagnostics.map((d) => `${d.code}@${d.span.start}`).sort();
        expect(keys(on)).toEqual(keys(off));
        for (const d of [...on.diagnostics, ...off.diagnostics]) {
          const replay = replayTrace(model, "s", JSON.parse(JSON.stringify(d.trace)));
          expect(replay).toMatchObject({ ok: true, rule: d.code });
        }
        // Shortest means the same length either way.
        const lengths = (r: typeof on) =>
          r.diagnostics.map((d) => `${d.code}@${d.span.start}:${d.trace!.states.length}`).sort();
        expect(lengths(on)).toEqual(lengths(off));
      }),
      { numRuns: 60, seed: 3 },
    );
  });
});
