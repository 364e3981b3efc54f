// Before the pivot every step that changes state must be undoable: if a later step fails,
// the saga compensates the committed prefix in reverse. A step with no compensation leaves
// its effect behind.

import { type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const sagaMissingCompensation: Rule = {
  meta: ruleMeta({
    id: "saga-missing-compensation",
    severity: "error",
    category: "sagas",
    summary: "a non-readonly step before the pivot has no compensation",
    options: [],
    source: "Garcia-Molina & Salem, Sagas (1987); Richardson, Microservices Patterns (compensatable steps)",
  }),
  reads: ["sagas", "ops"],
  check(ctx) {
    const { model } = ctx;
    for (const saga of modelLists(model).sagas) {
      for (const step of saga.steps) {
        if (step.kind !== "uncompensated") continue;
        // An op that did not resolve already has its compiler error; whether it is readonly is unknown.
        const op = step.action.op ? model.ops[step.action.op] : undefined;
        if (!op) continue;
        const opName = `${op.service}.${op.name}`;
        ctx.report({
          message: `saga ${saga.name}: step ${step.name} (${opName}) changes state but has no compensation`,
          span: step.nameSpan,
          elements: [saga.name, op.service, op.id],
          related: [{ span: op.nameSpan, message: `${op.name} is neither readonly nor compensated` }],
          help: `add \`compensate ${op.service}.<undo-op>\`, mark the op \`readonly\` if it changes nothing, or make the step the \`pivot\``,
        });
      }
    }
  },
};
