// A service that calls many others synchronously depends on all of them being up at once,
// and usually does too much: an orchestrating "god" service.

import { listNames } from "../format.js";
import { countOption, type Rule, ruleMeta } from "../rule.js";

export const greedyService: Rule = {
  meta: ruleMeta({
    id: "greedy-service",
    severity: "warning",
    category: "structure",
    summary: "a service calls `max` or more services synchronously",
    options: [{ name: "max", type: "count", default: 6, description: "the fan-out at which the rule fires" }],
    source: "cimet (greedy service); Bogner et al.",
  }),
  reads: ["services.calls", "services.nameSpan"],
  check(ctx) {
    const max = countOption(ctx, "max");
    const g = ctx.analyses.callGraph;
    for (let v = 0; v < g.names.length; v++) {
      const edges = g.firstEdges[v];
      if (edges.length < max) continue;
      const name = g.names[v];
      const callees = edges.map((e) => g.names[e.to]);
      ctx.report({
        message: `${name} calls ${edges.length} services synchronously (threshold ${max}): ${listNames(callees)}`,
        span: ctx.model.services[name].nameSpan,
        elements: [name, ...callees],
        related: edges.map((e) => ({
          span: e.call.targetSpan,
          message: `${name} calls ${g.names[e.to]} here`,
        })),
        help: `let ${name} react to events instead of calling, or move composition into a gateway or a dedicated flow`,
      });
    }
  },
};
