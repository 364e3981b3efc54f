// Every rule archc can report, in catalogue order, for the reporters (SARIF's rule table,
// JUnit's test cases), `archc explain` and editors: the rules, the engine's own checks, and
// the saga model checker's findings.

import { engineMetas } from "./engine/meta-rules.js";
import { modelCheckRules } from "./model-check/index.js";
import { PROJECT_URL, type RuleMeta } from "./rule.js";
import { rules } from "./rules/index.js";

/** The model checker's rules in the shape of every other rule's meta. */
export const modelCheckMetas: readonly RuleMeta[] = modelCheckRules.map((m) => ({
  id: m.id,
  severity: m.severity,
  summary: m.summary,
  category: "sagas",
  docs: m.docs,
  helpUri: `${PROJECT_URL}/blob/main/${m.docs}`,
  options: [],
  source: m.source,
}));

export function allRuleMetas(): RuleMeta[] {
  return [...rules.map((r) => r.meta), ...engineMetas, ...modelCheckMetas];
}

export function findRuleMeta(id: string): RuleMeta | undefined {
  return allRuleMetas().find((m) => m.id === id);
}
