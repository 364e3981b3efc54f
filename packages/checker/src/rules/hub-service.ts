// A service many others call synchronously is a bottleneck and a single point of failure
// (a "hub"): its outage takes every caller with it.

import { listNames } from "../format.js";
import { countOption, type Rule, ruleMeta } from "../rule.js";

export const hubService: Rule = {
  meta: ruleMeta({
    id: "hub-service",
    severity: "warning",
    category: "structure",
    summary: "a service is called synchronously by `max` or more services",
    options: [{ name: "max", type: "count", default: 6, description: "the fan-in at which the rule fires" }],
    source: "cimet (hub-like dependency); Bogner et al. (bottleneck service)",
  }),
  reads: ["services.calls", "services.nameSpan"],
  check(ctx) {
    const max = countOption(ctx, "max");
    const g = ctx.analyses.callGraph;
    for (let v = 0; v < g.names.length; v++) {
      const callers = g.callersOf[v];
      if (callers.length < max) continue;
      const related = callers.map((u) => {
        const e = g.firstEdges[u].find((x) => x.to === v)!;
        return { span: e.call.targetSpan, message: `${g.names[u]} calls ${g.names[v]} here` };
      });
      const name = g.names[v];
      const callerNames = callers.map((u) => g.names[u]);
      ctx.report({
        message: `${name} is called synchronously by ${callers.length} services (threshold ${max}): ${listNames(callerNames)}`,
        span: ctx.model.services[name].nameSpan,
        elements: [name, ...callerNames],
        related,
        help: `replicate what callers need from ${name} through its events, or split ${name} by caller`,
      });
    }
  },
};
