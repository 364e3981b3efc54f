// Every rule archc can report, in catalogue order, for the reporters (SARIF's rule table,
// JUnit's test cases), `archc explain` and editors: the rules, the engine's own checks, and
// the saga model checker's findings.

import type { RuleMeta } from "./rule.js";
import { engineMetas } from "./engine/meta-rules.js";
import { rules } from "./rules/index.js";

export function allRuleMetas(): RuleMeta[] {
  return [...rules.map((r) => r.meta), ...engineMetas];
}

export function findRuleMeta(id: string): RuleMeta | undefined {
  return allRuleMetas().find((m) => m.id === id);
}
