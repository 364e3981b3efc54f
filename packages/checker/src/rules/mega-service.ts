// A service with very many operations has grown several responsibilities: a "megaservice"
// that every team has to change and deploy together.

import { countOption, elementOnly, type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const megaService: Rule = {
  meta: ruleMeta({
    id: "mega-service",
    severity: "warning",
    category: "structure",
    summary: "a service has more than `max` ops",
    options: [{ name: "max", type: "count", default: 20, description: "the most ops a service may have" }],
    source: "Bogner et al. (megaservice); sizing guideline of fewer than 20 endpoints per service",
  }),
  reads: ["services.name", "services.apis", "services.nameSpan"],
  check(ctx) {
    const max = countOption(ctx, "max");
    for (const service of modelLists(ctx.model).services)
      ctx.forElement(service, elementOnly, () => {
        const apis = service.apis.filter((a) => a.ops.length > 0);
        const count = apis.reduce((n, a) => n + a.ops.length, 0);
        if (count <= max) return;
        ctx.report({
          message: `${service.name} has ${count} ops (max ${max}): ${apis.map((a) => `${a.name} ${a.ops.length}`).join(", ")}`,
          span: service.nameSpan,
          elements: [service.name],
          related: apis.map((a) => ({ span: a.nameSpan, message: `api ${a.name}: ${a.ops.length} ops` })),
          help: `split ${service.name} along the groups of ops that change together and own different data`,
        });
      });
  },
};
