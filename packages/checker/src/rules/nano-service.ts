// A service with a single op, no data and no events costs a deployment, a network hop and an
// on-call rotation for what could be a function in its caller: a "nanoservice".

import { type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const nanoService: Rule = {
  meta: ruleMeta({
    id: "nano-service",
    severity: "info",
    category: "structure",
    summary: "a service has one op, no store and no events",
    options: [],
    source: "Bogner et al. (nanoservice)",
  }),
  reads: [
    "services.name",
    "services.nameSpan",
    "services.uses",
    "services.publishes",
    "services.consumes",
    "services.apis",
    "ops",
    "index.opCallers",
  ],
  check(ctx) {
    const { model } = ctx;
    for (const service of modelLists(model).services) {
      if (service.uses.length > 0 || service.publishes.length > 0 || service.consumes.length > 0) continue;
      let count = 0;
      for (const a of service.apis) count += a.ops.length;
      if (count !== 1) continue;
      const ops = service.apis.flatMap((a) => a.ops);
      const op = model.ops[ops[0]];
      const callers = model.index.opCallers[ops[0]] ?? [];
      ctx.report({
        message: `${service.name} is a nanoservice: one op (${op?.name ?? ops[0]}), no store, no events`,
        span: service.nameSpan,
        elements: [service.name, ...callers],
        related: op ? [{ span: op.nameSpan, message: "its only op" }] : [],
        help:
          callers.length === 1
            ? `fold ${service.name} into its only caller, ${callers[0]}`
            : `merge ${service.name} with the service whose data its op works on`,
      });
    }
  },
};
