// A store written by two or more services couples them through its schema: the
// database-per-service rule broken. Every using site is shown.

import type { RelatedInfo } from "@archc/dsl";
import { listNames, plural } from "../format.js";
import { type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const sharedStore: Rule = {
  meta: ruleMeta({
    id: "shared-store",
    severity: "error",
    category: "structure",
    summary: "a store is written by two or more services",
    options: [],
    source: "Taibi & Lenarduzzi 2018 (shared persistency); μFreshener; database-per-service",
  }),
  reads: ["stores", "index.storeUsers", "services.uses"],
  check(ctx) {
    const { model } = ctx;
    for (const store of modelLists(model).stores) {
      const users = model.index.storeUsers[store.name] ?? [];
      const writers = users.filter((u) => u.mode !== "read").map((u) => u.service);
      if (writers.length < 2) continue;
      const readers = users.filter((u) => u.mode === "read").map((u) => u.service);
      const related: RelatedInfo[] = [];
      for (const u of users) {
        for (const use of model.services[u.service]?.uses ?? []) {
          if (use.store !== store.name) continue;
          related.push({
            span: use.span,
            message: `${u.mode === "read" ? "read" : "written"} by ${u.service} here`,
          });
        }
      }
      const alsoRead = readers.length > 0 ? ` and read by ${listNames(readers)}` : "";
      ctx.report({
        message: `store ${store.name} is written by ${plural(writers.length, "service")}: ${listNames(writers)}${alsoRead}`,
        span: store.nameSpan,
        elements: [store.name, ...writers, ...readers],
        related,
        help: `give each service its own store and share data through an op or an event; keep one writer of ${store.name}`,
      });
    }
  },
};
