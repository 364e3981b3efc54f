// A flow or saga driven by a service uses another service's op, but the driver declares no
// `calls` edge to that service: the call graph (and the network policies emitted from it)
// would miss a dependency that exists. For a flow driven by a gateway, the gateway must
// route to the service.

import type { Model } from "@archc/compiler";
import type { RelatedInfo, Span } from "@archc/dsl";
import { listNames } from "../format.js";
import { opLabel } from "../op-label.js";
import { type Rule, type RuleContext, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const undeclaredDependency: Rule = {
  meta: ruleMeta({
    id: "undeclared-dependency",
    severity: "error",
    category: "communication",
    summary: "a flow or saga driven `by X` uses an op of Y, and X has no `calls` edge to Y",
    options: [],
    source: "model consistency",
  }),
  reads: ["flows", "sagas", "ops", "gateways", "index.callees", "index.newestApi"],
  check(ctx) {
    const { model } = ctx;
    for (const flow of modelLists(model).flows) {
      if (flow.by === undefined || flow.bySpan === undefined) continue;
      checkDriver(ctx, "flow", flow.name, flow.by, flow.bySpan, flow.opRefs);
    }
    for (const saga of modelLists(model).sagas) {
      if (saga.by === undefined || saga.bySpan === undefined) continue;
      const uses = saga.steps.flatMap((s) =>
        [s.action, s.compensation].flatMap((c) => (c?.op === undefined ? [] : [{ op: c.op, span: c.span }])),
      );
      checkDriver(ctx, "saga", saga.name, saga.by, saga.bySpan, uses);
    }
  },
};

function checkDriver(
  ctx: RuleContext,
  kind: "flow" | "saga",
  name: string,
  driver: string,
  bySpan: Span,
  uses: readonly { op: string; span: Span }[],
): void {
  const { model } = ctx;
  const reaches = reachFrom(model, driver);
  if (reaches === undefined) return;
  const missing = new Map<string, { op: string; span: Span }[]>();
  for (const use of uses) {
    const target = model.ops[use.op]?.service;
    if (target === undefined || target === driver || reaches.has(target)) continue;
    missing.set(target, [...(missing.get(target) ?? []), use]);
  }
  const isGateway = model.gateways[driver] !== undefined;
  for (const [target, sites] of missing) {
    const ops = [...new Set(sites.map((s) => opLabel(model, s.op)))];
    const related: RelatedInfo[] = [
      ...sites.slice(1).map((s) => ({ span: s.span, message: `${opLabel(model, s.op)} used here too` })),
      { span: bySpan, message: `${kind} ${name} is driven by ${driver}` },
    ];
    ctx.report({
      message: isGateway
        ? `${kind} ${name} is driven by gateway ${driver}, which has no route to ${target} (uses ${listNames(ops)})`
        : `${kind} ${name} is driven by ${driver}, which declares no \`calls\` to ${target} (uses ${listNames(ops)})`,
      span: sites[0].span,
      elements: [name, driver, target],
      related,
      help: isGateway
        ? `add \`route "/…" -> ${target}\` to gateway ${driver}, or drive the ${kind} by a service`
        : `add \`calls ${ops[0]}\` to service ${driver}`,
    });
  }
}

/** The services a driver may call: a service's callees, or the services a gateway routes to. */
function reachFrom(model: Model, driver: string): Set<string> | undefined {
  if (model.services[driver]) return new Set(model.index.callees[driver] ?? []);
  const gateway = model.gateways[driver];
  if (gateway) return new Set(gateway.routes.map((r) => r.service));
  return undefined;
}
