// @archc/checker: the rule engine and its rules, the reporters (SARIF, GitHub, JUnit, JSON),
// rule docs for `archc explain`, and the maturity level. The saga model checker and the law
// kit live in ./model-check and ./laws.

export { allRuleMetas, findRuleMeta, modelCheckMetas } from "./catalogue.js";
export { type Explanation, explain, explainIndex, findDocsRoot, ruleDocs } from "./docs/explain.js";
export {
  type CheckInput,
  type CheckOptions,
  type CheckResult,
  checkModel,
  countBySeverity,
} from "./check.js";
export { evaluateRules, type RuleRun, type RunRulesOptions, runRules } from "./engine/run-rules.js";
export { engineMetas } from "./engine/meta-rules.js";
export { RuleMemo } from "./engine/rule-memo.js";
export type { RuleSetting } from "./engine/options.js";
export type { Finding } from "./engine/suppressions.js";
export {
  type FindingInput,
  type OptionValue,
  type Rule,
  type RuleCategory,
  type RuleContext,
  type RuleMeta,
  type RuleOption,
  DOCS_BASE_URL,
  PROJECT_URL,
} from "./rule.js";
export { rules } from "./rules/index.js";
export {
  escapeData,
  escapeProperty,
  escapeXml,
  JSON_REPORT_VERSION,
  type JsonDiagnostic,
  type JsonReport,
  type ReportContext,
  SARIF_SCHEMA,
  toGithub,
  toJson,
  toJunit,
  toSarif,
} from "./report/index.js";
export {
  assessLevel,
  type CriterionResult,
  type LevelAssessment,
  type LevelResult,
} from "./level/assess-level.js";
export { CRITERIA, type Criterion, type CriterionContext, type Gap, LEVELS } from "./level/criteria.js";
export {
  DEFAULT_INSTANCES,
  DEFAULT_MAX_STATES,
  formatModelCheckSummary,
  formatTrace,
  itfTraceFiles,
  MAX_INSTANCES,
  type ModelCheckOptions,
  type ModelCheckProgress,
  type ModelCheckResult,
  modelCheck,
} from "./model-check/index.js";
