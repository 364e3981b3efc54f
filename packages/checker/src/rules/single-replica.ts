// One replica cannot be more available than the node it runs on and goes down at every
// rollout; an availability target of 99.9% or more needs at least two.

import { formatPercent } from "../format.js";
import { type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

const HIGH_AVAILABILITY = 0.999;

export const singleReplica: Rule = {
  meta: ruleMeta({
    id: "single-replica",
    severity: "info",
    category: "operability",
    summary: "`replicas` max is 1 but `availability` is 99.9% or more",
    options: [],
    source: "Kubernetes PodDisruptionBudget and high-availability practice",
  }),
  reads: ["services.name", "services.availability", "services.replicas", "services.nameSpan"],
  check(ctx) {
    for (const service of modelLists(ctx.model).services) {
      const a = service.availability;
      if (a === undefined || a < HIGH_AVAILABILITY) continue;
      const max = service.replicas?.max ?? 1;
      if (max > 1) continue;
      ctx.report({
        message: `${service.name} targets ${formatPercent(a)} availability with ${service.replicas ? "at most 1 replica" : "1 replica (no `replicas` declared)"}`,
        span: service.nameSpan,
        elements: [service.name],
        help: "declare `replicas 2..N` (and spread them over nodes), or lower the availability target",
      });
    }
  },
};
