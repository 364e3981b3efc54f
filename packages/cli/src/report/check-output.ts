// The report formats of `archc check`, each a pure function of the check result: pretty
// (terminal), json (docs/check-output.schema.json), sarif (code scanning), github (workflow
// annotations), junit (test reports).

import * as path from "node:path";
import { allRuleMetas, type CheckResult, toGithub, toJson, toJunit, toSarif } from "@archc/checker";
import { allCodes } from "@archc/compiler";
import type { Severity, Workspace } from "@archc/dsl";
import type { Palette } from "./code-frame.js";
import { renderCheckPretty } from "./check-pretty.js";

export const CHECK_FORMATS = ["pretty", "json", "sarif", "github", "junit"] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export interface CheckReportInput {
  readonly result: CheckResult;
  readonly workspace: Workspace;
  readonly failOn: Severity;
  readonly version: string;
  readonly palette: Palette;
  /** Root-relative file → the path a person or CI system knows it by. */
  readonly displayPath: (file: string) => string;
}

export function renderCheckReport(format: CheckFormat, input: CheckReportInput): string {
  const { result, workspace } = input;
  const ctx = {
    toolVersion: input.version,
    metas: allRuleMetas(),
    codeTitle: (code: string) => allCodes[code]?.title,
    root: path.resolve(workspace.root),
    failOn: input.failOn,
    ran: result.ran,
    suppressedCount: result.suppressed.length,
  };
  switch (format) {
    case "pretty":
      return renderCheckPretty(workspace, result.diagnostics, {
        palette: input.palette,
        displayPath: input.displayPath,
        suppressed: result.suppressed.length,
      });
    case "json":
      return `${JSON.stringify(toJson(result.diagnostics, ctx), null, 2)}\n`;
    case "sarif":
      return `${JSON.stringify(toSarif(result.diagnostics, ctx), null, 2)}\n`;
    case "github":
      return toGithub(result.diagnostics, input.displayPath);
    case "junit":
      return toJunit(result.diagnostics, ctx, input.displayPath);
  }
}
