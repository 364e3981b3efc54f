// The model checker's findings go through the same allows as the rules' own.

import { describe, expect, it } from "vitest";
import { checkModel } from "../../src/check.js";
import { compileClean, fixtureText } from "../support/fixtures.js";

// A saga whose compensation is not safe when the step never happened: the model checker
// reports saga-partial-commit on it (and the rule saga-ambiguous-timeout warns).
const SAGA = fixtureText("saga-ambiguous-timeout", "fires");

const codes = (text: string, modelCheck = true) =>
  checkModel(compileClean(text), modelCheck ? { modelCheck: {} } : {}).diagnostics.map((d) => d.code);

describe("allows and the model checker", () => {
  it("reports its finding when it runs, and not otherwise", () => {
    expect(codes(SAGA)).toContain("saga-partial-commit");
    expect(codes(SAGA, false)).not.toContain("saga-partial-commit");
  });

  it("allow <rule> on <element> silences it by any element it involves", () => {
    const allowed = `${SAGA}rules { allow saga-partial-commit on payments "refunds are reconciled daily" }\n`;
    const result = checkModel(compileClean(allowed), { modelCheck: {} });
    expect(result.diagnostics.map((d) => d.code)).not.toContain("saga-partial-commit");
    expect(result.suppressed.map((d) => d.code)).toEqual(["saga-partial-commit"]);
  });

  it("an allow of a model-checker rule is unused only when the checker ran", () => {
    const clean = fixtureText("saga-ambiguous-timeout", "clean");
    const allowed = `${clean}rules { allow saga-stuck on pay "never" }\n`;
    expect(codes(allowed)).toContain("unused-allow");
    expect(codes(allowed, false)).not.toContain("unused-allow");
    expect(codes(allowed, false)).not.toContain("rules-config");
  });
});
