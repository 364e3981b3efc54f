// Retries multiply along a call path: three layers that each try three times turn one
// request into 27 at the bottom, exactly when the bottom is already failing. Entry points
// are services nobody calls and services a gateway routes to (with the route's own retries).

import type { RelatedInfo } from "@archc/dsl";
import { arrowPath } from "../format.js";
import { declaredAttempts, effectiveAttempts } from "../graph/call-arithmetic.js";
import { bestPaths, pathEdges } from "../graph/paths.js";
import { countOption, type Rule, ruleMeta } from "../rule.js";

const NO_ROUTES: readonly { readonly gateway: string; readonly index: number }[] = [];

export const retryAmplification: Rule = {
  meta: ruleMeta({
    id: "retry-amplification",
    severity: "warning",
    category: "communication",
    summary: "the product of attempts along a call path from an entry point exceeds `max`",
    options: [
      {
        name: "max",
        type: "count",
        default: 4,
        description: "the most attempts one entry request may cause on a single path",
      },
    ],
    source:
      "Envoy router docs (avoid an exponential retry explosion); Google SRE book ch. 22 (retry budgets)",
  }),
  reads: ["services.calls", "index.routes", "gateways"],
  check(ctx) {
    const max = countOption(ctx, "max");
    const { model } = ctx;
    const g = ctx.analyses.callGraph;
    const amp = bestPaths(
      g,
      ctx.analyses.callComponents,
      1,
      (e) => effectiveAttempts(e.call.policy),
      (w, rest) => w * rest,
    );
    for (let v = 0; v < g.names.length; v++) {
      const name = g.names[v];
      const declared = model.index.routes[name] ?? NO_ROUTES;
      if (g.callersOf[v].length > 0 && declared.length === 0) continue;
      const routes = declared.map((r) => ({
        gateway: r.gateway,
        route: model.gateways[r.gateway]?.routes[r.index],
      }));
      // The route with the most retries is the worst way in.
      let entry: (typeof routes)[number] | undefined;
      for (const r of routes)
        if (r.route && (entry === undefined || (r.route.retries ?? 0) > (entry.route?.retries ?? 0)))
          entry = r;
      const routeAttempts = 1 + (entry?.route?.retries ?? 0);
      const total = routeAttempts * amp.value[v];
      if (total <= max) continue;
      const edges = pathEdges(amp, v);
      const factors: string[] = [];
      const related: RelatedInfo[] = [];
      if (routeAttempts > 1 && entry?.route) {
        factors.push(`${entry.gateway} route ${routeAttempts}`);
        related.push({ span: entry.route.span, message: `${routeAttempts} attempts at the gateway` });
      }
      for (const e of edges) {
        const a = effectiveAttempts(e.call.policy);
        factors.push(`${g.names[e.from]}→${g.names[e.to]} ${a}`);
        const capped =
          a < declaredAttempts(e.call.policy)
            ? ` (retries ${e.call.policy.retries}, capped by the timeout)`
            : ` (retries ${e.call.policy.retries})`;
        related.push({ span: e.call.targetSpan, message: `${a} attempt${a === 1 ? "" : "s"}${capped}` });
      }
      const names = [...(entry ? [entry.gateway] : []), name, ...edges.map((e) => g.names[e.to])];
      // Without retries on the way (only under `max 0`) the finding sits on the service itself.
      const primary = (edges.length > 0 ? related[related.length - edges.length] : related[0]) ?? {
        span: model.services[name].nameSpan,
        message: "",
      };
      const arithmetic = factors.length > 0 ? `${factors.join(" × ")} = ${total}` : `${total}`;
      ctx.report({
        message: `one request to ${name} can become ${total} attempt${total === 1 ? "" : "s"} along ${arrowPath(names)}: ${arithmetic} (max ${max})`,
        span: primary.span,
        elements: [name, ...names.filter((n) => n !== name)],
        related: related.filter((r) => r !== primary),
        help: "retry at one layer only (usually the one nearest the user), or give the path a retry budget",
      });
    }
  },
};
