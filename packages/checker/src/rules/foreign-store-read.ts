// Reading another service's store ties the reader to the owner's schema ("inappropriate
// intimacy"); ask the owner through an op, or keep a read model fed by its events (CQRS).

import { listNames } from "../format.js";
import { type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const foreignStoreRead: Rule = {
  meta: ruleMeta({
    id: "foreign-store-read",
    severity: "warning",
    category: "structure",
    summary: "a service reads a store another service owns",
    options: [],
    source: "Taibi & Lenarduzzi 2018 (inappropriate service intimacy); CQRS read models",
  }),
  reads: ["services.name", "services.uses", "index.storeUsers"],
  check(ctx) {
    const { model } = ctx;
    for (const service of modelLists(model).services) {
      for (const use of service.uses) {
        if (use.mode !== "read") continue;
        const owners = (model.index.storeUsers[use.store] ?? [])
          .filter((u) => u.mode !== "read" && u.service !== service.name)
          .map((u) => u.service);
        if (owners.length === 0) continue;
        const ownerUses = owners.flatMap((o) =>
          (model.services[o]?.uses ?? [])
            .filter((u) => u.store === use.store)
            .map((u) => ({ span: u.span, message: `${o} owns ${use.store} here` })),
        );
        ctx.report({
          message: `${service.name} reads store ${use.store}, which ${listNames(owners)} ${owners.length === 1 ? "owns" : "own"}`,
          span: use.span,
          elements: [service.name, use.store, ...owners],
          related: ownerUses,
          help: `call an op of ${owners[0]} for the data, or give ${service.name} a store of its own with a read model fed by events of ${owners[0]}`,
        });
      }
    }
  },
};
