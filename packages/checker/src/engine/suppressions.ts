// Silencing findings: `rules { allow <rule> on <name> "reason" }` silences the rule's findings
// that involve the named element; `// archc-allow <rule>: reason` silences the rule's findings
// whose primary range starts on the next line. Each allow that silences nothing is reported.

import type { Model } from "@archc/compiler";
import { type Diagnostic, didYouMean, type Span } from "@archc/dsl";
import { rulesConfigMeta, unusedAllowMeta } from "./meta-rules.js";

/** A finding before silencing: a diagnostic with the names of the elements it involves. */
export interface Finding {
  readonly diagnostic: Diagnostic;
  readonly elements: readonly string[];
}

export interface SuppressionResult {
  readonly kept: Diagnostic[];
  readonly suppressed: Diagnostic[];
  /** Unused allows, and suppression comments that are malformed or name unknown rules. */
  readonly diagnostics: Diagnostic[];
}

/**
 * @param knownRules ids an allow may name.
 * @param activeRules ids whose findings were produced in this run (an allow of a rule that
 *   was switched off or did not run is not reported as unused).
 */
export function applySuppressions(
  model: Model,
  findings: readonly Finding[],
  knownRules: ReadonlySet<string>,
  activeRules: ReadonlySet<string>,
): SuppressionResult {
  const diagnostics: Diagnostic[] = [];
  const configProblem = (span: Span, message: string, help?: string) =>
    diagnostics.push({
      code: rulesConfigMeta.id,
      severity: rulesConfigMeta.severity,
      message,
      span,
      related: [],
      help,
    });

  const allows = model.rules.allows.filter((a) => {
    if (knownRules.has(a.rule)) return true;
    configProblem(a.span, `allow names an unknown rule \`${a.rule}\`${didYouMean(a.rule, knownRules)}`);
    return false;
  });
  const comments = model.suppressions.filter((s) => {
    if (!knownRules.has(s.rule)) {
      configProblem(
        s.span,
        `archc-allow names an unknown rule \`${s.rule}\`${didYouMean(s.rule, knownRules)}`,
      );
      return false;
    }
    if (s.reason.trim() === "") {
      configProblem(
        s.span,
        `archc-allow ${s.rule} gives no reason, so it silences nothing`,
        `write \`// archc-allow ${s.rule}: <why this finding is acceptable>\``,
      );
      return false;
    }
    return true;
  });

  // Index allows by rule and suppressions by file:line so each finding is matched in O(1).
  const allowsByRule = new Map<string, number[]>();
  allows.forEach((a, i) => {
    allowsByRule.set(a.rule, [...(allowsByRule.get(a.rule) ?? []), i]);
  });
  const commentsByLine = new Map<string, number[]>();
  comments.forEach((s, i) => {
    const key = `${s.span.file}:${s.appliesToLine}`;
    commentsByLine.set(key, [...(commentsByLine.get(key) ?? []), i]);
  });
  const allowUsed = new Uint8Array(allows.length);
  const commentUsed = new Uint8Array(comments.length);

  const kept: Diagnostic[] = [];
  const suppressed: Diagnostic[] = [];
  for (const f of findings) {
    const d = f.diagnostic;
    let silenced = false;
    const elements = f.elements.length > 0 ? f.elements : enclosingNames(model, d.span);
    for (const i of allowsByRule.get(d.code) ?? []) {
      if (elements.includes(allows[i].target)) {
        allowUsed[i] = 1;
        silenced = true;
      }
    }
    for (const i of commentsByLine.get(`${d.span.file}:${d.span.line}`) ?? []) {
      if (comments[i].rule === d.code) {
        commentUsed[i] = 1;
        silenced = true;
      }
    }
    (silenced ? suppressed : kept).push(d);
  }

  let names: Set<string> | undefined;
  allows.forEach((a, i) => {
    if (allowUsed[i] || !activeRules.has(a.rule)) return;
    names ??= elementNames(model);
    const unknownTarget = names.has(a.target)
      ? ""
      : `; no element is named ${a.target}${didYouMean(a.target, names)}`;
    diagnostics.push({
      code: unusedAllowMeta.id,
      severity: unusedAllowMeta.severity,
      message: `allow ${a.rule} on ${a.target} silences nothing: no ${a.rule} finding involves ${a.target}${unknownTarget}`,
      span: a.span,
      related: [],
      help: "remove the allow (the problem it excused is gone), or correct the rule or element name",
    });
  });
  comments.forEach((s, i) => {
    if (commentUsed[i] || !activeRules.has(s.rule)) return;
    diagnostics.push({
      code: unusedAllowMeta.id,
      severity: unusedAllowMeta.severity,
      message: `archc-allow ${s.rule} silences nothing: no ${s.rule} finding starts on line ${s.appliesToLine}`,
      span: s.span,
      related: [],
      help: "put the comment on the line just before the finding's first line, or remove it",
    });
  });
  return { kept, suppressed, diagnostics };
}

/** Every named top-level element and every op id. */
function elementNames(model: Model): Set<string> {
  return new Set([
    ...Object.keys(model.services),
    ...Object.keys(model.stores),
    ...Object.keys(model.brokers),
    ...Object.keys(model.topics),
    ...Object.keys(model.events),
    ...Object.keys(model.flows),
    ...Object.keys(model.sagas),
    ...Object.keys(model.gateways),
    ...Object.keys(model.deployments),
    ...Object.keys(model.ops),
  ]);
}

/** Names of the declarations whose source range holds `span` (for findings that name none). */
export function enclosingNames(model: Model, span: Span): string[] {
  const out: string[] = [];
  const groups = [
    model.services,
    model.sagas,
    model.flows,
    model.stores,
    model.events,
    model.topics,
    model.gateways,
    model.brokers,
    model.deployments,
  ];
  for (const group of groups) {
    for (const [name, el] of Object.entries(group)) {
      if (el.span.file === span.file && el.span.start <= span.start && span.end <= el.span.end)
        out.push(name);
    }
  }
  return out;
}
