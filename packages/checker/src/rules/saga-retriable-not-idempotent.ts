// After the pivot a saga only moves forward: `retriable` steps are retried until they
// succeed. That is safe only if running the op twice equals running it once and it has no
// business failure that retrying cannot fix.

import { listNames } from "../format.js";
import { type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const sagaRetriableNotIdempotent: Rule = {
  meta: ruleMeta({
    id: "saga-retriable-not-idempotent",
    severity: "warning",
    category: "sagas",
    summary: "a `retriable` step's op is not idempotent, or declares errors",
    options: [],
    source: "Richardson, Microservices Patterns (retriable transactions)",
  }),
  reads: ["sagas", "ops"],
  check(ctx) {
    const { model } = ctx;
    for (const saga of modelLists(model).sagas) {
      for (const step of saga.steps) {
        if (step.kind !== "retriable" || step.action.op === undefined) continue;
        const op = model.ops[step.action.op];
        if (op === undefined) continue;
        const idempotent = op.idempotent || op.readonly;
        if (idempotent && op.errors.length === 0) continue;
        const why = [
          ...(idempotent ? [] : ["is not idempotent"]),
          ...(op.errors.length > 0 ? [`declares errors ${listNames(op.errors)}`] : []),
        ].join(" and ");
        ctx.report({
          message: `saga ${saga.name}: retriable step ${step.name} calls ${op.service}.${op.name}, which ${why}`,
          span: step.nameSpan,
          elements: [saga.name, op.service, op.id],
          related: [{ span: op.nameSpan, message: `${op.name} is declared here` }],
          help: "a retriable step must be safe to repeat and must eventually succeed: make its op idempotent and free of business errors, or move the step before the pivot with a compensation",
        });
      }
    }
  },
};
