// An event that nobody consumes is either dead weight on the broker or a consumer someone
// forgot to declare.

import { listNames } from "../format.js";
import { type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const orphanEvent: Rule = {
  meta: ruleMeta({
    id: "orphan-event",
    severity: "warning",
    category: "events",
    summary: "an event is published but nobody consumes it",
    options: [],
    source: "wiring completeness",
  }),
  reads: ["events", "index.producers", "index.consumers", "services.publishes"],
  check(ctx) {
    const { model } = ctx;
    for (const event of modelLists(model).events) {
      const producers = model.index.producers[event.name] ?? [];
      if (producers.length === 0 || (model.index.consumers[event.name] ?? []).length > 0) continue;
      const sites = producers.flatMap((p) =>
        (model.services[p]?.publishes ?? [])
          .filter((x) => x.event === event.name)
          .map((x) => ({ service: p, span: x.span })),
      );
      if (sites.length === 0) continue;
      ctx.report({
        message: `event ${event.name} is published by ${listNames(producers)}, but no service consumes it`,
        span: sites[0].span,
        elements: [event.name, ...producers],
        related: [
          ...sites.slice(1).map((s) => ({ span: s.span, message: `${s.service} publishes it here too` })),
          { span: event.nameSpan, message: `${event.name} is declared here` },
        ],
        help: `declare \`consumes ${event.name}\` where it is handled, or stop publishing it`,
      });
    }
  },
};
