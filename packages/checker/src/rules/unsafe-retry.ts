// Retrying an op that is not idempotent can apply its effect twice: the first attempt may
// have succeeded and only its answer been lost (gRPC A6 retries only what is safe to repeat).

import { insertAt, pointAfter } from "../edits.js";
import { opLabel } from "../op-label.js";
import { type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const unsafeRetry: Rule = {
  meta: ruleMeta({
    id: "unsafe-retry",
    severity: "warning",
    category: "communication",
    summary: "`retries > 0` on an op that is neither `idempotent` nor `readonly`",
    options: [],
    source: "gRPC proposal A6 (client-side retries)",
  }),
  reads: ["services.name", "services.calls", "ops", "index.newestApi"],
  check(ctx) {
    for (const service of modelLists(ctx.model).services) {
      for (const call of service.calls) {
        const op = call.op === undefined ? undefined : ctx.model.ops[call.op];
        if (op === undefined || call.policy.retries <= 0 || op.idempotent || op.readonly) continue;
        ctx.report({
          message: `${service.name} retries ${opLabel(ctx.model, op.id)} up to ${call.policy.retries} time${call.policy.retries === 1 ? "" : "s"}, but ${op.service}.${op.name} is neither idempotent nor readonly`,
          span: call.targetSpan,
          elements: [service.name, op.service, op.id],
          related: [{ span: op.nameSpan, message: `${op.name} is declared here without \`idempotent\`` }],
          help: `make ${op.name} idempotent (an idempotency key in its input) and mark it \`idempotent\`, or set \`retries 0\``,
          fixes: [
            {
              title: `mark ${op.service}.${op.name} idempotent`,
              edits: [insertAt(pointAfter(op.span), " idempotent")],
            },
          ],
        });
      }
    }
  },
};
