// The benchmark's saga family is what bench/model-check.bench.ts says: both members compile; the
// all-failures member exercises every failure mode (so every kind of trouble shows up), the
// correct one none. Checked with 2 instances to stay fast; the benchmark runs 3.

import { compileText } from "@archc/compiler";
import { describe, expect, it } from "vitest";
import { sagaFamilyMember } from "../../../../bench/model-check.bench.js";
import { modelCheck } from "../../src/model-check/index.js";

const check = (member: "all-failures" | "correct") => {
  const c = compileText(sagaFamilyMember(member), `${member}.arch`);
  expect(c.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(c.model.sagas.place.steps).toHaveLength(6);
  return modelCheck(c.model, { instances: 2 });
};

describe("the benchmark's saga family", () => {
  it("all-failures: cyclic (a refund that can refuse), with findings of three kinds", () => {
    const r = check("all-failures");
    expect(new Set(r.diagnostics.map((d) => d.code))).toEqual(
      new Set(["saga-stuck", "saga-isolation", "saga-duplicate-effect"]),
    );
    expect(r.stats.sagas[0]).toMatchObject({ acyclic: false, symmetryReduced: false, bounded: false });
    const actions = r.diagnostics.flatMap((d) => d.trace!.states.map((s) => s.action)).join("\n");
    expect(actions).toContain("is delivered again");
    expect(actions).toContain("fails with");
  });

  it("correct: no findings, acyclic, explored up to symmetry", () => {
    const r = check("correct");
    expect(r.diagnostics).toEqual([]);
    expect(r.stats.sagas[0]).toMatchObject({ acyclic: true, symmetryReduced: true, bounded: false });
  });
});
