// What every reporter needs besides the diagnostics: the rules that could have reported
// (for SARIF's rule table and JUnit's test cases), titles of compiler codes, and the tool.

import type { Severity } from "@archc/dsl";
import type { RuleMeta } from "../rule.js";

export interface ReportContext {
  readonly toolName?: string;
  readonly toolVersion: string;
  /** Every rule that could report, in catalogue order. */
  readonly metas: readonly RuleMeta[];
  /** The title of a compiler or front-end code (`E0301` → "composition type mismatch"). */
  readonly codeTitle?: (code: string) => string | undefined;
  /** Absolute path of the workspace root that spans' `file` is relative to. */
  readonly root?: string;
  /** The lowest severity that fails the run (JUnit failures), `error` by default. */
  readonly failOn?: Severity;
  /** Ids of the rules that ran (others are "skipped" in JUnit); all of `metas` by default. */
  readonly ran?: readonly string[];
  /** Findings silenced by allows (counted in summaries). */
  readonly suppressedCount?: number;
}

export function toolName(ctx: ReportContext): string {
  return ctx.toolName ?? "archc";
}
