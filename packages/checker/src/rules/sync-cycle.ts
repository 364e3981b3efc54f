// Services that call each other synchronously in a loop cannot be deployed, scaled or failed
// independently, and a request can wait on itself. One finding per strongly connected
// component of the call graph, naming every member and one shortest cycle through them.

import type { RelatedInfo } from "@archc/dsl";
import { arrowPath, listNames } from "../format.js";
import { shortestCycleOf } from "../graph/scc.js";
import { type Rule, ruleMeta } from "../rule.js";

export const syncCycle: Rule = {
  meta: ruleMeta({
    id: "sync-cycle",
    severity: "error",
    category: "structure",
    summary: "services call each other synchronously in a cycle",
    options: [],
    source: "Taibi & Lenarduzzi 2018 (cyclic dependency); Bogner et al.; Tarjan's SCC algorithm",
  }),
  reads: ["services.calls"],
  check(ctx) {
    const g = ctx.analyses.callGraph;
    const comps = ctx.analyses.callComponents;
    const edgeBetween = (a: number, b: number) => g.firstEdges[a].find((e) => e.to === b)!;
    const ordered = comps.components.filter((c) => c.length > 1).sort((a, b) => a[0] - b[0]);
    for (const members of ordered) {
      const cycle = shortestCycleOf(g.adj, comps, members);
      const cycleEdges = cycle.map((v, i) => edgeBetween(v, cycle[(i + 1) % cycle.length]));
      const onCycle = new Set(cycle);
      const related: RelatedInfo[] = cycleEdges.map((e) => ({
        span: e.call.targetSpan,
        message: `${g.names[e.from]} calls ${g.names[e.to]} here`,
      }));
      const others = members.filter((m) => !onCycle.has(m));
      for (const m of others) {
        const inside = g.firstEdges[m].find((e) => comps.componentOf[e.to] === comps.componentOf[m])!;
        related.push({
          span: inside.call.targetSpan,
          message: `${g.names[m]} calls ${g.names[inside.to]} here (same cycle)`,
        });
      }
      const names = cycle.map((v) => g.names[v]);
      const rest =
        others.length > 0 ? `; the cycle also takes in ${listNames(others.map((m) => g.names[m]))}` : "";
      ctx.report({
        message: `synchronous call cycle: ${arrowPath([...names, names[0]])}${rest}`,
        span: related[0].span,
        elements: [...names, ...others.map((m) => g.names[m])],
        related: related.slice(1),
        help: "break the cycle: turn one call into an event, or move the shared behaviour into one service",
      });
    }
  },
};
