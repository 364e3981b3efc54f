// A flow's latency objective must fit the worst case of its parts: sequential steps add up,
// parallel and fan-out steps take the slowest branch.

import { formatDuration } from "../format.js";
import { flowLatency, flowLatencyMs } from "../graph/flow-latency.js";
import { type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const flowSloLatency: Rule = {
  meta: ruleMeta({
    id: "flow-slo-latency",
    severity: "warning",
    category: "communication",
    summary: "a flow's worst-case latency exceeds its `slo latency`",
    options: [],
    source: "composition law: latency adds along `;`, takes the maximum across `&` and `*`",
  }),
  reads: ["flows", "ops", "services.calls", "index.newestApi"],
  check(ctx) {
    const { model } = ctx;
    for (const flow of modelLists(model).flows) {
      const slo = flow.slo;
      if (slo?.latencyMs === undefined || flow.term === undefined) continue;
      if (flowLatencyMs(model, flow.term, flow.by) <= slo.latencyMs) continue;
      const lat = flowLatency(model, flow.term, flow.by);
      const unknown = lat.parts.filter((p) => p.ms === undefined);
      const atLeast = unknown.length > 0 ? "at least " : "";
      ctx.report({
        message: `flow ${flow.name}: worst-case latency is ${atLeast}${formatDuration(lat.ms)} (${lat.expression}), over its SLO of ${formatDuration(slo.latencyMs)}`,
        span: slo.span,
        elements: [flow.name, ...new Set(lat.parts.map((p) => model.ops[p.op]?.service ?? p.op))],
        related: lat.parts.map((p) => ({
          span: p.span,
          message: p.ms === undefined ? `unbounded: ${p.from}` : `${formatDuration(p.ms)}: ${p.from}`,
        })),
        help: "tighten the timeouts and retries of the slow calls, run independent steps in parallel (`&`), or relax the SLO",
      });
    }
  },
};
