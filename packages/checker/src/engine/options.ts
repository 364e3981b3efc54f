// Resolves each rule's options from its defaults and `rules { set <rule> <option> <value> }`,
// and reports settings that name an unknown rule or option or give a bad value.

import type { Model } from "@archc/compiler";
import { type Diagnostic, didYouMean, type Severity, type Span } from "@archc/dsl";
import type { OptionValue, RuleMeta, RuleOption } from "../rule.js";
import { rulesConfigMeta } from "./meta-rules.js";

export type RuleSeverity = Severity | "off";

export interface ResolvedRule {
  readonly severity: RuleSeverity;
  readonly options: Readonly<Record<string, OptionValue>>;
}

/** A setting from the model, or given by an API caller (then without a span). */
export interface RuleSetting {
  readonly rule: string;
  readonly option: string;
  readonly value: OptionValue;
  readonly span?: Span;
}

const SEVERITY_OPTION: RuleOption = {
  name: "severity",
  type: "severity",
  default: "",
  description: "error, warning, info, or off to disable the rule",
};
const SEVERITIES: readonly string[] = ["error", "warning", "info", "off"];

export function resolveRuleOptions(
  metas: readonly RuleMeta[],
  model: Model,
  extra: readonly RuleSetting[],
): { resolved: Map<string, ResolvedRule>; diagnostics: Diagnostic[] } {
  const byId = new Map(metas.map((m) => [m.id, m]));
  const resolved = new Map<string, { severity: RuleSeverity; options: Record<string, OptionValue> }>();
  for (const m of metas) {
    resolved.set(m.id, {
      severity: m.severity,
      options: Object.fromEntries(m.options.map((o) => [o.name, o.default])),
    });
  }
  const diagnostics: Diagnostic[] = [];
  const problem = (span: Span | undefined, message: string, help?: string) => {
    if (span === undefined) throw new Error(message);
    diagnostics.push({
      code: rulesConfigMeta.id,
      severity: rulesConfigMeta.severity,
      message,
      span,
      related: [],
      help,
    });
  };
  for (const s of [...model.rules.settings, ...extra]) {
    const meta = byId.get(s.rule);
    if (meta === undefined) {
      problem(
        s.span,
        `unknown rule \`${s.rule}\`${didYouMean(s.rule, byId.keys())}`,
        "`archc explain` lists the rules",
      );
      continue;
    }
    const options = [SEVERITY_OPTION, ...meta.options];
    const option = options.find((o) => o.name === s.option);
    if (option === undefined) {
      problem(
        s.span,
        `rule ${s.rule} has no option \`${s.option}\`${didYouMean(
          s.option,
          options.map((o) => o.name),
        )}`,
        `its options: ${options.map((o) => o.name).join(", ")}`,
      );
      continue;
    }
    const target = resolved.get(s.rule)!;
    if (option.type === "severity") {
      if (typeof s.value !== "string" || !SEVERITIES.includes(s.value)) {
        problem(s.span, `${s.rule} severity must be one of ${SEVERITIES.join(", ")}, not ${String(s.value)}`);
        continue;
      }
      target.severity = s.value as RuleSeverity;
      continue;
    }
    if (typeof s.value !== "number" || !Number.isInteger(s.value) || s.value < 0) {
      problem(s.span, `${s.rule} ${s.option} must be a whole number ≥ 0, not ${String(s.value)}`);
      continue;
    }
    target.options[s.option] = s.value;
  }
  return { resolved, diagnostics };
}
