// A long chain of synchronous calls adds every hop's latency and multiplies every hop's
// failure probability into the request at its head. One finding per chain head (a service no
// service outside its cycle calls) whose longest onward path is too long, naming the path.

import type { RelatedInfo } from "@archc/dsl";
import { arrowPath } from "../format.js";
import { bestPaths, hasOutsideCaller, pathEdges } from "../graph/paths.js";
import { countOption, type Rule, ruleMeta } from "../rule.js";

export const serviceChain: Rule = {
  meta: ruleMeta({
    id: "service-chain",
    severity: "warning",
    category: "structure",
    summary: "a synchronous call path is longer than `max` hops",
    options: [{ name: "max", type: "count", default: 4, description: "the longest allowed path, in calls" }],
    source: "Bogner et al. (service chain); cimet (chains of 3 or more)",
  }),
  reads: ["services.calls"],
  check(ctx) {
    const max = countOption(ctx, "max");
    const g = ctx.analyses.callGraph;
    const comps = ctx.analyses.callComponents;
    const hops = bestPaths(
      g,
      comps,
      0,
      () => 1,
      (w, rest) => w + rest,
    );
    for (let v = 0; v < g.names.length; v++) {
      if (hops.value[v] <= max || hasOutsideCaller(g, comps, v)) continue;
      const edges = pathEdges(hops, v);
      const names = [g.names[v], ...edges.map((e) => g.names[e.to])];
      const related: RelatedInfo[] = edges.slice(1).map((e) => ({
        span: e.call.targetSpan,
        message: `${g.names[e.from]} calls ${g.names[e.to]} here`,
      }));
      ctx.report({
        message: `synchronous call chain of ${edges.length} hops (max ${max}): ${arrowPath(names)}`,
        span: edges[0].call.targetSpan,
        elements: names,
        related,
        help: "shorten the chain: let a service answer from its own data (replicated by events), or call the end of the chain asynchronously",
      });
    }
  },
};
