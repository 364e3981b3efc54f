// Rule fixtures: `test/fixtures/rules/<id>/{fires,clean}.arch`, compiled by the real compiler
// and checked by the whole engine. Findings are summarised as "line:col-endLine:endCol" ranges
// so each test states exactly where every finding and related range points.

import { readFileSync } from "node:fs";
import { type Compilation, compileText } from "@archc/compiler";
import type { Diagnostic, Span } from "@archc/dsl";
import { checkModel } from "../../src/check.js";

export const FIXTURES = new URL("../fixtures/rules/", import.meta.url);

export function fixtureText(id: string, kind: "fires" | "clean"): string {
  return readFileSync(new URL(`${id}/${kind}.arch`, FIXTURES), "utf8");
}

export function range(s: Span): string {
  return `${s.line}:${s.col}-${s.endLine}:${s.endCol}`;
}

export interface FindingSummary {
  readonly severity: string;
  readonly range: string;
  readonly message: string;
  readonly related: readonly string[];
  readonly fixes?: readonly string[];
}

export function summarise(d: Diagnostic): FindingSummary {
  return {
    severity: d.severity,
    range: range(d.span),
    message: d.message,
    related: d.related.map((r) => `${range(r.span)} ${r.message}`),
    ...(d.fixes
      ? {
          fixes: d.fixes.flatMap((f) =>
            f.edits.map((e) => `${f.title}: ${range(e.span)} ${JSON.stringify(e.newText)}`),
          ),
        }
      : {}),
  };
}

/** Compiles text that must have no compiler errors (a fixture with a typo would test nothing). */
export function compileClean(text: string, file = "main.arch"): Compilation {
  const c = compileText(text, file);
  const errors = c.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0)
    throw new Error(
      `fixture ${file} does not compile: ${errors.map((d) => `${range(d.span)} ${d.message}`).join("; ")}`,
    );
  return c;
}

/** The findings of rule `id` on a text. */
export function findingsIn(id: string, text: string, file = "main.arch"): FindingSummary[] {
  return checkModel(compileClean(text, file))
    .diagnostics.filter((d) => d.code === id)
    .map(summarise);
}

/** The findings of rule `id` on its fixture. */
export function fixtureFindings(id: string, kind: "fires" | "clean"): FindingSummary[] {
  return findingsIn(id, fixtureText(id, kind), `${id}/${kind}.arch`);
}
