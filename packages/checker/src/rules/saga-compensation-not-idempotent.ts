// Compensations are retried until they succeed (a crash between "compensate" and "logged"
// replays it), so they must be idempotent and must not fail for business reasons.

import { listNames } from "../format.js";
import { type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const sagaCompensationNotIdempotent: Rule = {
  meta: ruleMeta({
    id: "saga-compensation-not-idempotent",
    severity: "warning",
    category: "sagas",
    summary: "a compensation op is not idempotent, or declares errors",
    options: [],
    source: "Garcia-Molina & Salem, Sagas (1987); LAWS.md §C.3",
  }),
  reads: ["sagas", "ops"],
  check(ctx) {
    const { model } = ctx;
    for (const saga of modelLists(model).sagas) {
      for (const step of saga.steps) {
        const c = step.compensation;
        if (c?.op === undefined) continue;
        const op = model.ops[c.op];
        if (op === undefined) continue;
        const idempotent = op.idempotent || op.readonly;
        if (idempotent && op.errors.length === 0) continue;
        const why = [
          ...(idempotent ? [] : ["is not idempotent"]),
          ...(op.errors.length > 0 ? [`declares errors ${listNames(op.errors)}`] : []),
        ].join(" and ");
        ctx.report({
          message: `saga ${saga.name}: compensation of step ${step.name}, ${op.service}.${op.name}, ${why}`,
          span: c.span,
          elements: [saga.name, op.service, op.id],
          related: [{ span: op.nameSpan, message: `${op.name} is declared here` }],
          help: `make ${op.name} idempotent (undoing twice = undoing once), mark it \`idempotent\`, and handle its failures inside it`,
        });
      }
    }
  },
};
