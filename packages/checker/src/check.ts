// `checkModel`: everything `archc check` reports for one compilation — the compiler's
// diagnostics and the rules' findings, allows applied — as one sorted list.

import type { Model } from "@archc/compiler";
import { compareDiagnostics, type Diagnostic, type Severity, type Workspace } from "@archc/dsl";
import { modelCheckMetas } from "./catalogue.js";
import type { RuleSetting } from "./engine/options.js";
import type { RuleMemo } from "./engine/rule-memo.js";
import { evaluateRules } from "./engine/run-rules.js";
import { type ModelCheckOptions, type ModelCheckResult, modelCheck } from "./model-check/index.js";
import type { Rule, RuleMeta } from "./rule.js";

/** A compilation (model plus the compiler's diagnostics), or a bare model. */
export type CheckInput =
  | Model
  | {
      readonly model: Model;
      readonly diagnostics: readonly Diagnostic[];
      /** The workspace compiled: a memo relocates remembered findings by its edits. */
      readonly workspace?: Workspace;
    };

export interface CheckOptions {
  readonly rules?: readonly Rule[];
  readonly settings?: readonly RuleSetting[];
  /** Metas and findings produced elsewhere, silenced by allows like the rules' own. */
  readonly externalMetas?: readonly RuleMeta[];
  readonly externalFindings?: readonly Diagnostic[];
  /** Ids of external rules that ran (their unused allows are reported). */
  readonly externalRan?: readonly string[];
  /**
   * Runs the saga model checker (LAWS.md §B) with these options. Off by default: it explores
   * state spaces, which an editor should not do on every keystroke. It does not run on a model
   * with compiler errors.
   */
  readonly modelCheck?: ModelCheckOptions;
  /**
   * Findings per model element from earlier checks of the same compilation, reused where the
   * element and its inputs are unchanged (the language server's re-checks). The result is the
   * same as without it.
   */
  readonly memo?: RuleMemo;
}

export interface CheckResult {
  readonly model: Model;
  /** Compiler diagnostics and rule findings, in source order. */
  readonly diagnostics: readonly Diagnostic[];
  /** Findings silenced by `allow` or `// archc-allow`. */
  readonly suppressed: readonly Diagnostic[];
  /** The level `rules { fail-on … }` asks for, if the model sets one. */
  readonly failOn?: Severity;
  readonly counts: { readonly errors: number; readonly warnings: number; readonly infos: number };
  /** Ids of the rules that ran (rules switched off with `severity off` did not). */
  readonly ran: readonly string[];
  /** What the model checker explored, when it ran. */
  readonly modelCheck?: ModelCheckResult["stats"];
  /** Why the model checker did not run although asked to. */
  readonly modelCheckSkipped?: string;
}

export function checkModel(input: CheckInput, options: CheckOptions = {}): CheckResult {
  const isCompilation = "model" in input && "diagnostics" in input && !("schemaVersion" in input);
  const model = isCompilation ? input.model : (input as Model);
  const compilerDiagnostics = isCompilation ? input.diagnostics : [];
  const compileErrors = compilerDiagnostics.some((d) => d.severity === "error");
  const mc = options.modelCheck && !compileErrors ? modelCheck(model, options.modelCheck) : undefined;
  const run = evaluateRules(model, {
    ...options,
    workspace: isCompilation ? input.workspace : undefined,
    // The model checker's ids are always valid in `set` and `allow`; they count as run only when it ran.
    externalMetas: [...(options.externalMetas ?? []), ...modelCheckMetas],
    externalFindings: [...(options.externalFindings ?? []), ...(mc?.findings ?? [])],
    externalRan: [...(options.externalRan ?? []), ...(mc ? modelCheckMetas.map((m) => m.id) : [])],
  });
  const findings = withoutCompilerOverlap(run.diagnostics, compilerDiagnostics);
  const diagnostics = mergeSorted(compilerDiagnostics, findings);
  return {
    model,
    diagnostics,
    suppressed: run.suppressed,
    failOn: model.rules.failOn,
    counts: countBySeverity(diagnostics),
    ran: mc ? [...run.ran, ...modelCheckMetas.map((m) => m.id)] : run.ran,
    ...(mc ? { modelCheck: mc.stats } : {}),
    ...(options.modelCheck && compileErrors ? { modelCheckSkipped: "the model has compiler errors" } : {}),
  };
}

/**
 * Rules whose fact the compiler also checks, and the compiler's code for it. When the
 * compiler already reported the same element (its diagnostic's primary or related range is the
 * finding's primary range), the rule's finding would only repeat it.
 */
const COMPILER_OVERLAP: Readonly<Record<string, string>> = { "topic-key-missing": "E0502" };

function withoutCompilerOverlap(findings: Diagnostic[], compiler: readonly Diagnostic[]): Diagnostic[] {
  const covered = new Set<string>();
  const key = (code: string, s: Diagnostic["span"]) => `${code}|${s.file}|${s.start}|${s.end}`;
  for (const d of compiler) {
    for (const s of [d.span, ...d.related.map((r) => r.span)]) covered.add(key(d.code, s));
  }
  if (covered.size === 0) return findings;
  return findings.filter((f) => {
    const code = COMPILER_OVERLAP[f.code];
    return code === undefined || !covered.has(key(code, f.span));
  });
}

/**
 * `[...first, ...second].sort(compareDiagnostics)` in one pass when both are sorted already
 * (the compiler's list and the rules' are), which keeps ties in the same order as the stable
 * sort: `first`'s before `second`'s.
 */
function mergeSorted(first: readonly Diagnostic[], second: readonly Diagnostic[]): Diagnostic[] {
  if (!isSorted(first) || !isSorted(second)) return [...first, ...second].sort(compareDiagnostics);
  const out: Diagnostic[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length && j < second.length)
    out.push(compareDiagnostics(first[i], second[j]) <= 0 ? first[i++] : second[j++]);
  while (i < first.length) out.push(first[i++]);
  while (j < second.length) out.push(second[j++]);
  return out;
}

function isSorted(list: readonly Diagnostic[]): boolean {
  for (let i = 1; i < list.length; i++) if (compareDiagnostics(list[i - 1], list[i]) > 0) return false;
  return true;
}

export function countBySeverity(diags: readonly Diagnostic[]): CheckResult["counts"] {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diags) {
    if (d.severity === "error") errors++;
    else if (d.severity === "warning") warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}
