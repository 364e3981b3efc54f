import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { toJson } from "../../src/report/json.js";
import { sampleContext, sampleDiagnostics } from "./sample.js";

const schemaPath = new URL("../../../../docs/check-output.schema.json", import.meta.url);
const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as object;

describe("toJson", () => {
  const report = toJson(sampleDiagnostics, { ...sampleContext, suppressedCount: 2 });

  it("validates against docs/check-output.schema.json", () => {
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    validate(JSON.parse(JSON.stringify(report)));
    expect(validate.errors ?? []).toEqual([]);
  });

  it("the schema rejects what the shape does not allow", () => {
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    expect(validate({ ...report, version: 2 })).toBe(false);
    expect(validate({ ...report, diagnostics: [{ ...report.diagnostics[0], severity: "fatal" }] })).toBe(
      false,
    );
  });

  it("counts by severity and links rule findings to their docs", () => {
    expect(report.version).toBe(1);
    expect(report.summary).toEqual({ errors: 3, warnings: 1, infos: 1, suppressed: 2 });
    expect(report.diagnostics[1].helpUri).toMatch(/docs\/rules\/shared-store\.md$/);
    expect(report.diagnostics[0].helpUri).toBeUndefined();
  });
});
