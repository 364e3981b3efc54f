// A consumer of an event nobody publishes waits forever: the choreography it belongs to is
// wired incompletely.

import { listNames } from "../format.js";
import { type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const unproducedEvent: Rule = {
  meta: ruleMeta({
    id: "unproduced-event",
    severity: "error",
    category: "events",
    summary: "an event is consumed but nobody publishes it",
    options: [],
    source: "wiring completeness (LAWS.md §A.7)",
  }),
  reads: ["events", "index.consumers", "index.producers", "services.consumes"],
  check(ctx) {
    const { model } = ctx;
    for (const event of modelLists(model).events) {
      const consumers = model.index.consumers[event.name] ?? [];
      if (consumers.length === 0 || (model.index.producers[event.name] ?? []).length > 0) continue;
      const sites = consumers.flatMap((c) =>
        (model.services[c.service]?.consumes ?? [])
          .filter((x) => x.event === event.name)
          .map((x) => ({ service: c.service, span: x.span })),
      );
      if (sites.length === 0) continue;
      const names = [...new Set(sites.map((s) => s.service))];
      ctx.report({
        message: `event ${event.name} is consumed by ${listNames(names)}, but no service publishes it`,
        span: sites[0].span,
        elements: [event.name, ...names],
        related: [
          ...sites.slice(1).map((s) => ({ span: s.span, message: `${s.service} consumes it here too` })),
          { span: event.nameSpan, message: `${event.name} is declared here` },
        ],
        help: `add \`publishes ${event.name}\` to the service that makes it happen`,
      });
    }
  },
};
