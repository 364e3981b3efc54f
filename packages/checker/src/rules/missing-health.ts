// Without a liveness or readiness endpoint the orchestrator cannot tell a hung instance from
// a working one: it keeps routing to it and never restarts it. A service counts as deployable
// when it has an image or the model has a `deploy` block.

import { type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const missingHealth: Rule = {
  meta: ruleMeta({
    id: "missing-health",
    severity: "warning",
    category: "operability",
    summary: "a deployable service declares neither `health` nor `ready`",
    options: [],
    source: "kube-score (container probes); Kubernetes liveness and readiness probes",
  }),
  reads: [
    "deployments",
    "services.name",
    "services.image",
    "services.health",
    "services.ready",
    "services.nameSpan",
  ],
  check(ctx) {
    const { model } = ctx;
    const deploys = Object.keys(model.deployments).length > 0;
    for (const service of modelLists(model).services) {
      if (!deploys && service.image === undefined) continue;
      if (service.health !== undefined || service.ready !== undefined) continue;
      ctx.report({
        message: `${service.name} declares neither \`health\` nor \`ready\`: nothing can tell when it is up or hung`,
        span: service.nameSpan,
        elements: [service.name],
        help: 'add `health "/health"` (liveness) and `ready "/ready"` (readiness)',
      });
    }
  },
};
