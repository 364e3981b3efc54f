// The rule engine: resolves options, runs every enabled rule over the Model, applies allows
// and `// archc-allow` comments, and reports configuration problems and unused allows.

import type { Model } from "@archc/compiler";
import { compareDiagnostics, type Diagnostic, type Workspace } from "@archc/dsl";
import { createAnalyses } from "../graph/analyses.js";
import type { FindingInput, Rule, RuleMeta } from "../rule.js";
import { rules as defaultRules } from "../rules/index.js";
import { engineMetas } from "./meta-rules.js";
import { resolveRuleOptions, type RuleSetting } from "./options.js";
import type { RuleMemo } from "./rule-memo.js";
import { applySuppressions, type Finding } from "./suppressions.js";

export interface RunRulesOptions {
  /** The rules to run; the whole catalogue by default. */
  readonly rules?: readonly Rule[];
  /** Settings applied after the model's own `rules { set … }`. */
  readonly settings?: readonly RuleSetting[];
  /**
   * Metas of rules whose findings come from elsewhere (the model checker), so `set` and
   * `allow` may name them.
   */
  readonly externalMetas?: readonly RuleMeta[];
  /**
   * Findings produced outside the engine (the model checker), silenced like the rules' own;
   * with the elements they involve when known, else matched by their enclosing declaration.
   */
  readonly externalFindings?: readonly (Diagnostic | Finding)[];
  /** Ids of external rules that ran, so their unused allows are reported. */
  readonly externalRan?: readonly string[];
  /** Findings from earlier checks, reused where still valid (see `Rule.reads`, `forElement`). */
  readonly memo?: RuleMemo;
  /** The workspace the Model was compiled from: with a memo, findings are relocated by its edits. */
  readonly workspace?: Workspace;
}

export interface RuleRun {
  /** Findings that were not silenced, and configuration problems; in source order. */
  readonly diagnostics: Diagnostic[];
  /** Findings silenced by an allow or an `// archc-allow` comment. */
  readonly suppressed: Diagnostic[];
  /** The ids of the rules that ran. */
  readonly ran: readonly string[];
}

export function evaluateRules(model: Model, options: RunRulesOptions = {}): RuleRun {
  const ruleList = options.rules ?? defaultRules;
  const external = options.externalMetas ?? [];
  const metas = [...ruleList.map((r) => r.meta), ...engineMetas, ...external];
  const { resolved, diagnostics: configDiagnostics } = resolveRuleOptions(
    metas,
    model,
    options.settings ?? [],
  );
  const analyses = createAnalyses(model);
  const findings: Finding[] = [];
  const ran: string[] = [];
  const memo = options.memo;
  const changes = memo?.begin(model, options.workspace);
  for (const rule of ruleList) {
    const config = resolved.get(rule.meta.id)!;
    if (config.severity === "off") continue;
    const severity = config.severity;
    ran.push(rule.meta.id);
    const finding = (f: FindingInput): Finding => ({
      diagnostic: {
        code: rule.meta.id,
        severity,
        message: f.message,
        span: f.span,
        related: f.related ?? [],
        ...(f.help === undefined ? {} : { help: f.help }),
        ...(f.fixes === undefined || f.fixes.length === 0 ? {} : { fixes: f.fixes }),
      },
      elements: f.elements,
    });
    const table = `${rule.meta.id}\0${severity}\0${JSON.stringify(config.options)}`;
    const reads = memo === undefined ? undefined : rule.reads;
    if (reads !== undefined && changes !== undefined) {
      const known = memo!.recallRule(table, changes, reads);
      if (known !== undefined) {
        for (const f of known) findings.push(f);
        continue;
      }
    }
    const first = findings.length;
    rule.check({
      model,
      options: config.options,
      analyses,
      report: (f) => findings.push(finding(f)),
      forElement: memo
        ? (element, inputs, compute) => {
            const seen = inputs();
            const known = memo.recall(table, element, seen);
            if (known !== undefined) {
              for (const f of known) findings.push(f);
              return;
            }
            const start = findings.length;
            compute();
            memo.remember(table, element, seen, findings.slice(start));
          }
        : (_element, _inputs, compute) => compute(),
    });
    if (reads !== undefined) memo!.rememberRule(table, model, findings.slice(first));
  }
  const active = new Set([...ran, ...(options.externalRan ?? [])]);
  for (const x of options.externalFindings ?? []) {
    const { diagnostic: d, elements } = "diagnostic" in x ? x : { diagnostic: x, elements: [] };
    const config = resolved.get(d.code);
    if (config?.severity === "off") continue;
    active.add(d.code);
    findings.push({ diagnostic: config ? { ...d, severity: config.severity } : d, elements });
  }
  const silencing = applySuppressions(model, findings, new Set(metas.map((m) => m.id)), active);
  const engine = [...configDiagnostics, ...silencing.diagnostics].flatMap((d) => {
    const severity = resolved.get(d.code)?.severity ?? d.severity;
    return severity === "off" ? [] : [{ ...d, severity }];
  });
  return {
    diagnostics: [...silencing.kept, ...engine].sort(compareDiagnostics),
    suppressed: silencing.suppressed.sort(compareDiagnostics),
    ran,
  };
}

/** The findings of the rules over a model, allows applied, in source order. */
export function runRules(model: Model, options: RunRulesOptions = {}): Diagnostic[] {
  return evaluateRules(model, options).diagnostics;
}
