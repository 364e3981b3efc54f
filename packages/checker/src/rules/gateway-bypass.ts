// A public service must be reached through a gateway, where authentication, rate limits and
// routing live; a service exposed directly bypasses all of them.

import { listNames } from "../format.js";
import { type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const gatewayBypass: Rule = {
  meta: ruleMeta({
    id: "gateway-bypass",
    severity: "error",
    category: "communication",
    summary: "a `public` service with no gateway route, or public services and no gateway",
    options: [],
    source: "Neri et al. / μFreshener (no API gateway)",
  }),
  reads: ["services.name", "services.public", "services.nameSpan", "gateways", "index.routes"],
  check(ctx) {
    const { model } = ctx;
    const gateways = modelLists(model).gateways;
    for (const service of modelLists(model).services) {
      if (!service.public || (model.index.routes[service.name] ?? []).length > 0) continue;
      const none = gateways.length === 0;
      ctx.report({
        message: none
          ? `${service.name} is public, but the system has no gateway`
          : `${service.name} is public, but no gateway routes to it (gateways: ${listNames(gateways.map((g) => g.name))})`,
        span: service.nameSpan,
        elements: [service.name, ...gateways.map((g) => g.name)],
        related: gateways.map((g) => ({
          span: g.nameSpan,
          message: `gateway ${g.name} has no route to ${service.name}`,
        })),
        help: none
          ? `declare \`gateway edge { route "/${service.name}" -> ${service.name} }\`, or drop \`public\``
          : `add \`route "/${service.name}" -> ${service.name}\` to ${gateways[0].name}, or drop \`public\``,
      });
    }
  },
};
