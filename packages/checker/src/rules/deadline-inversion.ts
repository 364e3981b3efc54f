// A caller's deadline must leave room for the callee's own downstream calls (gRPC deadline
// propagation). If the callee may itself wait as long as the caller's timeout on one of its
// dependencies, the caller gives up while the callee still works: wasted load, and retries
// stacked on top of work that may still commit.

import { formatDuration } from "../format.js";
import { attemptDeadlineMs, worstCaseTimeMs } from "../graph/call-arithmetic.js";
import { opInputs, opLabel } from "../op-label.js";
import { type Rule, ruleMeta } from "../rule.js";

export const deadlineInversion: Rule = {
  meta: ruleMeta({
    id: "deadline-inversion",
    severity: "warning",
    category: "communication",
    summary: "the callee's worst-case downstream time is at least the caller's timeout",
    options: [],
    source: "gRPC deadline propagation; LAWS.md §D deadline nesting",
  }),
  reads: ["services.calls", "ops", "index.newestApi"],
  check(ctx) {
    const g = ctx.analyses.callGraph;
    // The slowest bounded call each service makes: a lower bound of its downstream time.
    const slowest = g.names.map((_, v) => {
      let best: { ms: number; edge: (typeof g.edges)[number][number] } | undefined;
      for (const e of g.edges[v]) {
        if (e.to === v) continue;
        const ms = worstCaseTimeMs(e.call.policy);
        if (ms !== undefined && (best === undefined || ms > best.ms)) best = { ms, edge: e };
      }
      return best;
    });
    for (let u = 0; u < g.names.length; u++) {
      for (const e of g.edges[u]) {
        if (e.to === u) continue;
        const deadline = attemptDeadlineMs(e.call.policy);
        const down = slowest[e.to];
        if (deadline === undefined || down === undefined || down.ms < deadline) continue;
        // The finding reads the two calls (their policies, ops and spans), the services' names
        // and the labels of the two ops.
        const inputs = () => [
          down.edge.call,
          g.names[u],
          g.names[down.edge.to],
          ...opInputs(ctx.model, e.call.op),
          ...opInputs(ctx.model, down.edge.call.op),
        ];
        ctx.forElement(e.call, inputs, () => {
          const callee = g.names[e.to];
          const inner = down.edge.call;
          const kind =
            e.call.policy.perTryMs !== undefined && e.call.policy.perTryMs === deadline
              ? "per-try timeout"
              : "timeout";
          ctx.report({
            message: `${g.names[u]} gives ${callee} ${formatDuration(deadline)} (${kind} on ${e.call.op ? opLabel(ctx.model, e.call.op) : callee}), but ${callee} may wait ${formatDuration(down.ms)} on ${inner.op ? opLabel(ctx.model, inner.op) : g.names[down.edge.to]}`,
            span: e.call.targetSpan,
            elements: [g.names[u], callee, g.names[down.edge.to]],
            related: [
              { span: inner.targetSpan, message: `${callee} waits up to ${formatDuration(down.ms)} here` },
            ],
            help: `give the downstream calls of ${callee} deadlines shorter than ${formatDuration(deadline)}, or raise the ${kind} of ${g.names[u]} → ${callee} above ${formatDuration(down.ms)}`,
          });
        });
      }
    }
  },
};
