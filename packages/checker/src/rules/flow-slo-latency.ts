// A flow's latency objective must fit the worst case of its parts: sequential steps add up,
// parallel and fan-out steps take the slowest branch.

import { formatDuration } from "../format.js";
import { flowLatency, flowLatencyInputs, flowLatencyMs } from "../graph/flow-latency.js";
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
  check(ctx) {
    const { model } = ctx;
    for (const flow of modelLists(model).flows) {
      const slo = flow.slo;
      const term = flow.term;
      if (slo?.latencyMs === undefined || term === undefined) continue;
      const latencyMs = slo.latencyMs;
      ctx.forElement(
        flow,
        () => flowLatencyInputs(model, term, flow.by),
        () => {
          if (flowLatencyMs(model, term, flow.by) <= latencyMs) return;
          const lat = flowLatency(model, term, flow.by);
          const unknown = lat.parts.filter((p) => p.ms === undefined);
          const atLeast = unknown.length > 0 ? "at least " : "";
          ctx.report({
            message: `flow ${flow.name}: worst-case latency is ${atLeast}${formatDuration(lat.ms)} (${lat.expression}), over its SLO of ${formatDuration(latencyMs)}`,
            span: slo.span,
            elements: [flow.name, ...new Set(lat.parts.map((p) => model.ops[p.op]?.service ?? p.op))],
            related: lat.parts.map((p) => ({
              span: p.span,
              message: p.ms === undefined ? `unbounded: ${p.from}` : `${formatDuration(p.ms)}: ${p.from}`,
            })),
            help: "tighten the timeouts and retries of the slow calls, run independent steps in parallel (`&`), or relax the SLO",
          });
        },
      );
    }
  },
};
