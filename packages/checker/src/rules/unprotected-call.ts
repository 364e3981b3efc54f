// A call with neither a timeout nor a circuit breaker waits as long as the callee hangs, so a
// slow dependency ties up the caller's threads and the failure spreads ("wobbly interaction").

import type { Fix, Span } from "@archc/dsl";
import { insertAt, pointAfter, pointBeforeLastChar } from "../edits.js";
import { opLabel } from "../op-label.js";
import { type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

const relatedOp = (op: { name: string; nameSpan: Span } | undefined) =>
  op ? [{ span: op.nameSpan, message: `${op.name} is declared here` }] : [];

export const unprotectedCall: Rule = {
  meta: ruleMeta({
    id: "unprotected-call",
    severity: "warning",
    category: "communication",
    summary: "a `calls` edge has neither `timeout` nor `breaker`",
    options: [],
    source: "Neri et al. / μFreshener (wobbly service interaction)",
  }),
  reads: ["services.name", "services.calls", "ops", "index.newestApi"],
  check(ctx) {
    for (const service of modelLists(ctx.model).services) {
      for (const call of service.calls) {
        if (call.op === undefined) continue;
        if (call.policy.timeoutMs !== undefined || call.policy.breaker !== undefined) continue;
        const fix: Fix = call.hasPolicyBlock
          ? { title: "add a 1s timeout", edits: [insertAt(pointBeforeLastChar(call.span), " timeout 1s ")] }
          : { title: "add a 1s timeout", edits: [insertAt(pointAfter(call.targetSpan), " { timeout 1s }")] };
        ctx.report({
          message: `${service.name} calls ${opLabel(ctx.model, call.op)} with neither a timeout nor a circuit breaker`,
          span: call.targetSpan,
          elements: [service.name, call.toService, call.op],
          related: relatedOp(ctx.model.ops[call.op]),
          help: "add `timeout D` (the whole call, retries included) and, for a flaky dependency, `breaker N in D`",
          fixes: [fix],
        });
      }
    }
  },
};
