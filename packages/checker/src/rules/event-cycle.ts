// Choreographies may loop by design (an order is placed, stock is reserved, the order is
// confirmed …), but a loop with no guard runs forever. One finding per strongly connected
// component of the service-level event graph, naming the events on each edge of one
// shortest loop, as a prompt to confirm it terminates.

import type { RelatedInfo, Span } from "@archc/dsl";
import { listNames } from "../format.js";
import { shortestCycleOf } from "../graph/scc.js";
import { type Rule, ruleMeta } from "../rule.js";

export const eventCycle: Rule = {
  meta: ruleMeta({
    id: "event-cycle",
    severity: "info",
    category: "events",
    summary: "services publish and consume events in a loop",
    options: [],
    source: "traced feedback without a guard (LANGUAGE.md: trace ↔ event cycles)",
  }),
  reads: ["services.publishes", "index.consumers"],
  check(ctx) {
    const { model } = ctx;
    const g = ctx.analyses.eventGraph;
    const comps = ctx.analyses.eventComponents;
    const ordered = comps.components
      .filter((c) => c.length > 1 || g.adj[c[0]].includes(c[0]))
      .sort((a, b) => a[0] - b[0]);
    const publishSpan = (service: string, event: string): Span =>
      model.services[service].publishes.find((p) => p.event === event)!.span;
    for (const members of ordered) {
      const cycle = shortestCycleOf(g.adj, comps, members);
      const steps = cycle.map((v, i) => {
        const to = cycle[(i + 1) % cycle.length];
        return { from: g.names[v], to: g.names[to], events: g.edges[v].find((e) => e.to === to)!.events };
      });
      const related: RelatedInfo[] = steps.map((s) => ({
        span: publishSpan(s.from, s.events[0]),
        message: `${s.from} publishes ${listNames(s.events)}, consumed by ${s.to}`,
      }));
      const onCycle = new Set(cycle);
      const others = members.filter((m) => !onCycle.has(m)).map((m) => g.names[m]);
      const loop = steps.map((s) => `${s.from} —${s.events.join("/")}→ `).join("") + steps[0].from;
      const rest = others.length > 0 ? `; the loop also takes in ${listNames(others)}` : "";
      ctx.report({
        message: `event loop: ${loop}${rest}; confirm it terminates`,
        span: related[0].span,
        elements: [...steps.map((s) => s.from), ...others, ...new Set(steps.flatMap((s) => s.events))],
        related: related.slice(1),
        help: "make sure some handler stops the loop (a state check, a counter, a terminal event), then allow this finding with the reason",
      });
    }
  },
};
