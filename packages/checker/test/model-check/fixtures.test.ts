// Each fixture is a real .arch file whose first line says what the model checker must find
// ("// expect: saga-stuck at charge — …" or "// expect: none — …"). The test compiles it, runs
// the checker with two instances, compares the findings with the expectation, and replays every
// reported trace (after a JSON round trip) against the semantics to confirm the violation.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compileText, type Model } from "@archc/compiler";
import type { Diagnostic, Trace } from "@archc/dsl";
import { describe, expect, it } from "vitest";
import { modelCheck, replayTrace } from "../../src/model-check/index.js";

const dir = join(import.meta.dirname, "fixtures");
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith(".arch"))
  .sort();

function expectation(text: string): string[] {
  const m = /^\/\/ expect: (.*?) —/.exec(text);
  if (!m) throw new Error("fixture without an `// expect:` line");
  if (m[1] === "none") return [];
  return m[1].split(/,\s*/).map((e) => e.replace(" at ", "@"));
}

function compile(file: string): { model: Model; text: string } {
  const text = readFileSync(join(dir, file), "utf8");
  const c = compileText(text, file);
  const errors = c.diagnostics.filter((d) => d.severity === "error");
  expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  return { model: c.model, text };
}

function stepAt(model: Model, d: Diagnostic): string {
  for (const saga of Object.values(model.sagas)) {
    const step = saga.steps.find((s) => s.span.start === d.span.start && s.span.file === d.span.file);
    if (step) return step.name;
  }
  return "?";
}

const roundTrip = (t: Trace): Trace => JSON.parse(JSON.stringify(t));

describe.each(fixtures)("%s", (file) => {
  const { model, text } = compile(file);
  const sagaName = Object.keys(model.sagas)[0];
  const result = modelCheck(model, { instances: 2 });

  it("reports exactly the expected findings, at the expected steps", () => {
    const found = result.diagnostics.map((d) => `${d.code}@${stepAt(model, d)}`).sort();
    expect(found).toEqual(expectation(text).sort());
  });

  it("explores the whole space (no bound) with weak fairness", () => {
    for (const s of result.stats.sagas) {
      expect(s.bounded).toBe(false);
      expect(s.fairness).toBe("weak");
      expect(s.distinctStates).toBeGreaterThan(1);
      expect(s.statesExplored).toBeGreaterThanOrEqual(s.distinctStates);
    }
  });

  it.each(result.diagnostics.map((d) => [d.code, d] as const))(
    "replays the %s trace and confirms it",
    (_code, d) => {
      expect(d.trace).toBeDefined();
      const trace = roundTrip(d.trace!);
      expect(trace.states[0].action).toBe("initial state");
      trace.states.forEach((s, i) => {
        expect(s.index).toBe(i);
      });
      const replay = replayTrace(model, sagaName, trace);
      expect(replay).toMatchObject({ ok: true, rule: d.code });
      // A liveness counterexample is a lasso; a safety counterexample is a finite run.
      expect(trace.loopsTo !== undefined).toBe(d.code === "saga-stuck");
    },
  );

  it.each(result.diagnostics.map((d) => [d.code, d] as const))("rejects a tampered %s trace", (_code, d) => {
    const trace = roundTrip(d.trace!);
    // Drop one state from the middle: the run no longer follows the semantics.
    const cut = Math.max(1, Math.floor(trace.states.length / 2));
    const broken: Trace = {
      ...trace,
      states: trace.states.filter((_, i) => i !== cut).map((s, i) => ({ ...s, index: i })),
      loopsTo: trace.loopsTo === undefined ? undefined : Math.min(trace.loopsTo, trace.states.length - 3),
    };
    expect(replayTrace(model, sagaName, broken).ok).toBe(false);
  });
});

describe("the counterexamples", () => {
  it("point at the step, with related ranges at the ops involved and help", () => {
    const { model } = compile("retry-duplicate.arch");
    const [d] = modelCheck(model).diagnostics;
    expect(d.code).toBe("saga-duplicate-effect");
    expect(d.severity).toBe("warning");
    expect(d.message).toContain("payments.charge");
    expect(d.message).toContain("retries 2");
    expect(d.help).toContain("idempotent");
    const charge = model.ops["payments.v1.charge"];
    expect(d.related.map((r) => r.span)).toContainEqual(charge.nameSpan);
    // The call policy that re-sends it is a related range too.
    const edge = model.services.orders.calls.find((c) => c.op === "payments.v1.charge")!;
    expect(d.related.map((r) => r.span)).toContainEqual(edge.span);
  });

  it("are the shortest: the retry duplicate takes start, create, a committed timeout, the retry", () => {
    const { model } = compile("retry-duplicate.arch");
    const [d] = modelCheck(model).diagnostics;
    expect(d.trace!.states.map((s) => s.action)).toEqual([
      "initial state",
      "i1 starts saga pay",
      "i1 create: orders.create succeeds",
      "i1 charge: payments.charge times out after it committed",
      "i1 charge: payments.charge succeeds",
    ]);
    const last = d.trace!.states[4].vars.i1 as { steps: Record<string, { effect: string }> };
    expect(last.steps.charge.effect).toBe("applied twice");
  });

  it("show a lasso whose loop re-sends the failing compensation", () => {
    const { model } = compile("stuck-compensation-error.arch");
    const [d] = modelCheck(model).diagnostics;
    const t = d.trace!;
    const loop = t.states.slice(t.loopsTo! + 1).map((s) => s.action);
    expect(loop).toEqual([
      "i1 charge: compensation payments.refund fails with RefundRejected",
      "i1 charge: the orchestrator re-sends compensation payments.refund",
    ]);
    expect(t.states[t.states.length - 1].vars).toEqual(t.states[t.loopsTo!].vars);
    expect(d.message).toContain("weak fairness");
  });

  it("are deterministic: two runs give identical diagnostics", () => {
    const { model } = compile("isolation.arch");
    expect(JSON.stringify(modelCheck(model).diagnostics)).toBe(JSON.stringify(modelCheck(model).diagnostics));
  });
});
