// The model checker's API as `archc check` uses it: options, bounds reported honestly,
// progress, skipped sagas, the summary lines, and ITF output.

import { join } from "node:path";
import { compilePaths, compileText } from "@archc/compiler";
import { describe, expect, it } from "vitest";
import { explore } from "../../src/model-check/explore.js";
import {
  formatModelCheckSummary,
  formatTrace,
  itfTraceFiles,
  modelCheck,
  modelCheckRules,
  toItf,
} from "../../src/model-check/index.js";
import { planSaga } from "../../src/model-check/plan.js";
import { SagaSpace } from "../../src/model-check/saga-space.js";

const root = join(import.meta.dirname, "../../../..");
const shop = compilePaths([join(root, "examples/shop/shop.arch")]).model;
const fixture = (name: string) => compilePaths([join(import.meta.dirname, "fixtures", name)]).model;

describe("modelCheck", () => {
  it("finds nothing in the shop's place-order saga and says what it explored", () => {
    const r = modelCheck(shop);
    expect(r.diagnostics).toEqual([]);
    const [s] = r.stats.sagas;
    expect(s).toMatchObject({
      saga: "place-order",
      instances: 2,
      bounded: false,
      fairness: "weak",
      findings: 0,
    });
    expect(s.distinctStates).toBeGreaterThan(1000);
    expect(s.statesExplored).toBeGreaterThan(s.distinctStates);
    expect(s.statesPerSecond).toBeGreaterThan(0);
    const [line] = formatModelCheckSummary(r.stats.sagas);
    expect(line).toContain("saga place-order, 2 instances");
    expect(line).toContain("termination holds under weak fairness");
    expect(line).toMatch(/states\/s/);
  });

  it("says 'bounded' and claims no proof when --max-states stops it", () => {
    const r = modelCheck(shop, { maxStates: 1000 });
    const [s] = r.stats.sagas;
    expect(s.bounded).toBe(true);
    expect(s.boundReason).toBe("max-states");
    expect(s.distinctStates).toBe(1000);
    const [line] = formatModelCheckSummary(r.stats.sagas);
    expect(line).toContain("bounded: explored 1,000 states");
    expect(line).toContain("no proof");
    expect(line).not.toContain("safety holds");
  });

  it("bounds itself by the memory budget and says so", () => {
    const r = modelCheck(shop, { memoryBudgetBytes: 200_000 });
    const [s] = r.stats.sagas;
    expect(s.bounded).toBe(true);
    expect(s.boundReason).toBe("memory");
    expect(formatModelCheckSummary(r.stats.sagas)[0]).toContain("memory limit");
  });

  it("still finds violations within a bound", () => {
    const r = modelCheck(fixture("retry-duplicate.arch"), { maxStates: 50 });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["saga-duplicate-effect"]);
  });

  it("explores more instances when asked, and fewer states with one", () => {
    const one = modelCheck(shop, { instances: 1 }).stats.sagas[0];
    const two = modelCheck(shop, { instances: 2 }).stats.sagas[0];
    expect(one.instances).toBe(1);
    expect(one.distinctStates).toBeLessThan(two.distinctStates);
  });

  it("rejects an instance count outside 1..8", () => {
    expect(() => modelCheck(shop, { instances: 0 })).toThrow(RangeError);
    expect(() => modelCheck(shop, { instances: 9 })).toThrow(RangeError);
  });

  it("checks only the sagas asked for, and says which it could not find", () => {
    const r = modelCheck(shop, { sagas: ["nope"] });
    expect(r.stats.sagas).toEqual([
      expect.objectContaining({ saga: "nope", skipped: "no saga of that name" }),
    ]);
    expect(formatModelCheckSummary(r.stats.sagas)[0]).toBe(
      "model check: saga nope skipped: no saga of that name",
    );
  });

  it("skips a saga whose ops do not resolve (the compiler reports them)", () => {
    const c = compileText(
      "type T { id: uuid }\nservice a { api v1 { op f: T -> T } }\nsaga s(T) by a { step x: a.missing }\n",
      "broken.arch",
    );
    const r = modelCheck(c.model);
    expect(r.diagnostics).toEqual([]);
    expect(r.stats.sagas[0].skipped).toContain("unresolved");
  });

  it("reports progress while it explores", () => {
    const planned = planSaga(shop, shop.sagas["place-order"]);
    if (!planned.ok) throw new Error(planned.reason);
    const space = new SagaSpace(planned.plan, 2, 1, false);
    const seen: number[] = [];
    explore(space.product, {
      maxStates: 1e7,
      progressAfterMs: 0,
      progressEveryMs: 0,
      onProgress: (p) => seen.push(p.distinctStates),
    });
    expect(seen.length).toBeGreaterThan(0);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it("names the model elements each finding involves, for `allow <rule> on <name>`", () => {
    const r = modelCheck(fixture("isolation.arch"));
    expect(r.findings.map((f) => f.diagnostic)).toEqual(r.diagnostics);
    expect(r.findings[0].elements).toEqual([
      "place",
      "inventory",
      "inventory.v1.reserve",
      "inventory.v1.release",
      "inventory-db",
    ]);
  });

  it("describes its four rules like every other rule", () => {
    expect(modelCheckRules.map((r) => [r.id, r.severity])).toEqual([
      ["saga-stuck", "error"],
      ["saga-partial-commit", "error"],
      ["saga-isolation", "warning"],
      ["saga-duplicate-effect", "warning"],
    ]);
    for (const r of modelCheckRules) expect(r.docs).toBe(`docs/model-checking.md#${r.id}`);
  });
});

describe("counterexample output", () => {
  const model = fixture("stuck-compensation-error.arch");
  const [lasso] = modelCheck(model).diagnostics;

  it("prints numbered states with what changed, and marks the loop", () => {
    const text = formatTrace(lasso.trace!).join("\n");
    expect(text).toContain("lasso counterexample");
    expect(text).toMatch(/ {2}0\. initial state/);
    expect(text).toContain("i1.charge.call: compensating -> compensation error");
    expect(text).toContain("<- the loop starts here");
    expect(text).toContain("the loop repeats forever");
  });

  it("writes ITF: #meta, vars with the action, indexed states, #bigint integers, loop", () => {
    const itf = toItf(lasso.trace!, { rule: lasso.code, source: "x.arch" });
    expect(itf["#meta"]).toMatchObject({ format: "ITF", rule: "saga-stuck", source: "x.arch" });
    expect(itf.vars).toEqual(["i1", "i2", "orchestrator", "mbt::actionTaken"]);
    itf.states.forEach((s, i) => {
      expect(s["#meta"]).toEqual({ index: i });
      for (const v of itf.vars) expect(s[v]).toBeDefined();
    });
    expect(itf.states[0].orchestrator).toEqual({ up: true, crashes: { "#bigint": "0" } });
    expect(itf.loop).toBe(lasso.trace!.loopsTo);
    expect(JSON.parse(JSON.stringify(itf))).toEqual(itf);
  });

  it("names ITF files deterministically, one per finding with a trace", () => {
    const files = itfTraceFiles(modelCheck(fixture("retry-duplicate.arch")).diagnostics);
    expect(files.map((f) => f.fileName)).toEqual([
      expect.stringMatching(/^01-saga-duplicate-effect-.*\.itf\.json$/),
    ]);
    expect(JSON.parse(files[0].content).states.length).toBeGreaterThan(2);
  });
});
