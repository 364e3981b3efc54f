// The four findings of the saga model checker (RULES.md, Sagas), described like every other rule:
// id, default severity, one-line summary, docs page and where the idea comes from.

import type { Severity } from "@archc/dsl";

export type ModelCheckRuleId =
  | "saga-stuck"
  | "saga-partial-commit"
  | "saga-isolation"
  | "saga-duplicate-effect";

export interface ModelCheckRuleMeta {
  readonly id: ModelCheckRuleId;
  readonly severity: Severity;
  readonly summary: string;
  /** Repository-relative docs page. */
  readonly docs: string;
  readonly source: string;
}

export const modelCheckRules: readonly ModelCheckRuleMeta[] = [
  {
    id: "saga-stuck",
    severity: "error",
    summary:
      "model checker: a reachable state from which the saga can neither complete nor finish compensating (under weak fairness)",
    docs: "docs/model-checking.md#saga-stuck",
    source: "LAWS.md §B liveness; Garcia-Molina & Salem, Sagas (1987)",
  },
  {
    id: "saga-partial-commit",
    severity: "error",
    summary: "model checker: a terminal state that is neither all-committed nor fully compensated",
    docs: "docs/model-checking.md#saga-partial-commit",
    source: "LAWS.md §B outcome and pivot irrevocability; Richardson, Microservices Patterns ch. 4",
  },
  {
    id: "saga-isolation",
    severity: "warning",
    summary: "model checker: two concurrent instances write one store with no countermeasure (lost update)",
    docs: "docs/model-checking.md#saga-isolation",
    source: "LAWS.md §B isolation; Richardson, countermeasures for the lack of isolation",
  },
  {
    id: "saga-duplicate-effect",
    severity: "warning",
    summary: "model checker: at-least-once delivery or a retry applies a non-idempotent effect twice",
    docs: "docs/model-checking.md#saga-duplicate-effect",
    source: "LAWS.md §B; gRPC A6 (retries need idempotence)",
  },
];

export function modelCheckRule(id: ModelCheckRuleId): ModelCheckRuleMeta {
  return modelCheckRules.find((r) => r.id === id)!;
}
