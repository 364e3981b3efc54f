import { describe, expect, it } from "vitest";
import { toJson } from "../../src/report/json.js";
import { validateCheckJson } from "../support/validators.js";
import { sampleContext, sampleDiagnostics } from "./sample.js";

describe("toJson", () => {
  const report = toJson(sampleDiagnostics, { ...sampleContext, suppressedCount: 2 });

  it("validates against docs/check-output.schema.json", () => {
    const v = validateCheckJson(JSON.parse(JSON.stringify(report)));
    expect(v.errors).toEqual([]);
    expect(v.ok).toBe(true);
  });

  it("the schema rejects what the shape does not allow", () => {
    expect(validateCheckJson({ ...report, version: 2 }).ok).toBe(false);
    const fatal = { ...report, diagnostics: [{ ...report.diagnostics[0], severity: "fatal" }] };
    expect(validateCheckJson(fatal).ok).toBe(false);
  });

  it("counts by severity and links rule findings to their docs", () => {
    expect(report.version).toBe(1);
    expect(report.summary).toEqual({ errors: 3, warnings: 1, infos: 1, suppressed: 2 });
    expect(report.diagnostics[1].helpUri).toMatch(/docs\/rules\/shared-store\.md$/);
    expect(report.diagnostics[0].helpUri).toBeUndefined();
  });
});
