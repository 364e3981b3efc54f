// Validators for the reports: SARIF against the official 2.1.0 schema (shipped in
// @microsoft/jest-sarif; draft-04, so ajv-draft-04 without unicode regexps) and the JSON report
// against docs/check-output.schema.json. The CLI's tests use these too.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020.js";
import Ajv04 from "ajv-draft-04";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);

export interface Validation {
  readonly ok: boolean;
  readonly errors: readonly unknown[];
}

let sarif: ((data: unknown) => boolean) & { errors?: unknown[] | null };
export function validateSarif(log: unknown): Validation {
  if (!sarif) {
    const schema = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json") as object;
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    sarif = ajv.compile(schema);
  }
  const ok = sarif(log);
  return { ok, errors: sarif.errors ?? [] };
}

let report: ((data: unknown) => boolean) & { errors?: unknown[] | null };
export function validateCheckJson(data: unknown): Validation {
  if (!report) {
    const path = new URL("../../../../docs/check-output.schema.json", import.meta.url);
    report = new Ajv2020({ allErrors: true }).compile(JSON.parse(readFileSync(path, "utf8")) as object);
  }
  const ok = report(data);
  return { ok, errors: report.errors ?? [] };
}
