// The JSON report: a stable, versioned shape for scripts (schema in
// docs/check-output.schema.json). Fields are only added within a version; a breaking change
// bumps `version`.

import type { Diagnostic } from "@archc/dsl";
import { countBySeverity } from "../check.js";
import { type ReportContext, toolName } from "./report-context.js";

export const JSON_REPORT_VERSION = 1;

export interface JsonReport {
  readonly version: 1;
  readonly tool: { readonly name: string; readonly version: string };
  readonly summary: {
    readonly errors: number;
    readonly warnings: number;
    readonly infos: number;
    readonly suppressed: number;
  };
  readonly diagnostics: readonly JsonDiagnostic[];
}

export interface JsonDiagnostic extends Diagnostic {
  /** The docs page of the rule, for rule findings. */
  readonly helpUri?: string;
}

export function toJson(diagnostics: readonly Diagnostic[], ctx: ReportContext): JsonReport {
  const helpUris = new Map(ctx.metas.map((m) => [m.id, m.helpUri]));
  const c = countBySeverity(diagnostics);
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: toolName(ctx), version: ctx.toolVersion },
    summary: { errors: c.errors, warnings: c.warnings, infos: c.infos, suppressed: ctx.suppressedCount ?? 0 },
    diagnostics: diagnostics.map((d) => {
      const helpUri = helpUris.get(d.code);
      return helpUri === undefined ? d : { ...d, helpUri };
    }),
  };
}
