// A flow needs every service it touches to be up, so its availability is at most the product
// of theirs; an objective above that product cannot be met. Services without a declared
// `availability` count as 100%, so the product is an upper bound.

import { formatPercent } from "../format.js";
import { type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const flowSloAvailability: Rule = {
  meta: ruleMeta({
    id: "flow-slo-availability",
    severity: "warning",
    category: "communication",
    summary: "the product of the services' availabilities is below the flow's `slo availability`",
    options: [],
    source: "composition law: availability multiplies over serial dependencies",
  }),
  reads: ["flows", "ops", "services.availability", "services.nameSpan"],
  check(ctx) {
    const { model } = ctx;
    for (const flow of modelLists(model).flows) {
      const target = flow.slo?.availability;
      if (target === undefined || flow.slo === undefined) continue;
      const services = [
        ...new Set(flow.opRefs.map((r) => model.ops[r.op]?.service).filter((s) => s !== undefined)),
      ];
      const known = services.filter((s) => model.services[s]?.availability !== undefined);
      const product = known.reduce((p, s) => p * (model.services[s].availability ?? 1), 1);
      if (product >= target) continue;
      const factors = known
        .map((s) => `${s} ${formatPercent(model.services[s].availability ?? 1)}`)
        .join(" × ");
      ctx.report({
        message: `flow ${flow.name}: availability is at most ${formatPercent(product)} (${factors}), below its SLO of ${formatPercent(target)}`,
        span: flow.slo.span,
        elements: [flow.name, ...known],
        related: known.map((s) => ({
          span: model.services[s].nameSpan,
          message: `${s}: availability ${formatPercent(model.services[s].availability ?? 1)}`,
        })),
        help: "raise the availability of the weakest services (replicas, redundancy), take them off the flow's critical path, or relax the SLO",
      });
    }
  },
};
