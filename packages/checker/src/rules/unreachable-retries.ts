// The `timeout` of a call covers all its attempts (Envoy, Istio). When the attempts at their
// per-try limit plus the backoff between them take longer than the timeout, the last retries
// can never start: the policy promises resilience it does not have.

import { formatDuration } from "../format.js";
import { backoffTotalMs, declaredAttempts, retryScheduleMs } from "../graph/call-arithmetic.js";
import { opLabel } from "../op-label.js";
import { type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const unreachableRetries: Rule = {
  meta: ruleMeta({
    id: "unreachable-retries",
    severity: "warning",
    category: "communication",
    summary: "attempts × per-try + backoff exceed the call's `timeout`",
    options: [],
    source: "Envoy router (the route timeout includes retries); Istio retry semantics",
  }),
  reads: ["services.name", "services.calls", "ops", "index.newestApi"],
  check(ctx) {
    for (const service of modelLists(ctx.model).services) {
      for (const call of service.calls) {
        const p = call.policy;
        const schedule = retryScheduleMs(p);
        if (p.retries <= 0 || p.timeoutMs === undefined || p.perTryMs === undefined || schedule === undefined)
          continue;
        if (schedule <= p.timeoutMs) continue;
        const a = declaredAttempts(p);
        const op = call.op === undefined ? undefined : ctx.model.ops[call.op];
        const backoff = backoffTotalMs(p, a - 1);
        // Attempt k starts after k-1 full tries and k-1 waits; it must start before the timeout.
        let startable = 1;
        while (startable < a && startable * p.perTryMs + backoffTotalMs(p, startable) < p.timeoutMs)
          startable++;
        const sum = `${a} attempts × ${formatDuration(p.perTryMs)} per try${backoff > 0 ? ` + ${formatDuration(backoff)} backoff` : ""} = ${formatDuration(schedule)}`;
        ctx.report({
          message: `${service.name} → ${call.op ? opLabel(ctx.model, call.op) : call.toService}: ${sum}, more than the ${formatDuration(p.timeoutMs)} timeout; only ${startable} of ${a} attempts can start`,
          span: call.targetSpan,
          elements: [service.name, call.toService, ...(call.op ? [call.op] : [])],
          related: op ? [{ span: op.nameSpan, message: `${op.name} is declared here` }] : [],
          help: `raise the timeout to at least ${formatDuration(schedule)}, shorten per-try, or lower retries to ${startable - 1}`,
        });
      }
    }
  },
};
