// Every extra stack needs its own build, libraries, security patching and people who know it
// ("too many standards"). Stacks are compared by their `tech` text, case-insensitively.

import type { RelatedInfo } from "@archc/dsl";
import { listNames } from "../format.js";
import { countOption, type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const tooManyTechnologies: Rule = {
  meta: ruleMeta({
    id: "too-many-technologies",
    severity: "info",
    category: "structure",
    summary: "the services use more than `max` distinct `tech` stacks",
    options: [{ name: "max", type: "count", default: 4, description: "the most distinct stacks allowed" }],
    source: "Taibi & Lenarduzzi 2018 (too many standards)",
  }),
  reads: ["services.name", "services.tech", "services.nameSpan"],
  check(ctx) {
    const max = countOption(ctx, "max");
    const stacks = new Map<string, { tech: string; services: string[] }>();
    for (const service of modelLists(ctx.model).services) {
      if (service.tech === undefined || service.tech.trim() === "") continue;
      const key = service.tech.trim().toLowerCase();
      const entry = stacks.get(key) ?? { tech: service.tech.trim(), services: [] };
      entry.services.push(service.name);
      stacks.set(key, entry);
    }
    if (stacks.size <= max) return;
    const list = [...stacks.values()];
    // The finding sits on the service that brought in the first stack over the limit.
    const first = ctx.model.services[list[max].services[0]];
    const related: RelatedInfo[] = list.map((s) => ({
      span: ctx.model.services[s.services[0]].nameSpan,
      message: `${s.tech}: ${listNames(s.services)}`,
    }));
    ctx.report({
      message: `${stacks.size} technology stacks (max ${max}): ${list.map((s) => `${s.tech} (${listNames(s.services)})`).join(", ")}`,
      span: first.nameSpan,
      elements: [first.name, ...list.flatMap((s) => s.services).filter((n) => n !== first.name)],
      related: related.filter((r) => r.span !== first.nameSpan),
      help: "settle on fewer stacks for new services; migrate the odd ones out when they next change",
    });
  },
};
