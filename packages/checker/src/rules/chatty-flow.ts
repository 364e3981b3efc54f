// A flow that makes many remote calls, or keeps going back to the same service, pays a
// network round trip each time and usually means the boundary is in the wrong place.

import type { Flow } from "@archc/compiler";
import type { Span } from "@archc/dsl";
import { countOption, type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const chattyFlow: Rule = {
  meta: ruleMeta({
    id: "chatty-flow",
    severity: "warning",
    category: "communication",
    summary: "a flow makes more than `max` remote calls, or calls one service more than `pair-max` times",
    options: [
      { name: "max", type: "count", default: 5, description: "the most remote calls one flow may make" },
      {
        name: "pair-max",
        type: "count",
        default: 2,
        description: "the most calls one flow may make to the same service",
      },
    ],
    source: "Bogner et al. (chatty service)",
  }),
  reads: ["flows", "ops"],
  check(ctx) {
    const max = countOption(ctx, "max");
    const pairMax = countOption(ctx, "pair-max");
    const { ops } = ctx.model;
    for (const flow of modelLists(ctx.model).flows)
      ctx.forElement(
        flow,
        () => flow.opRefs.map((r) => ops[r.op]),
        () => {
          const remote = remoteCalls(ctx.model.ops, flow);
          const caller = flow.by ?? `flow ${flow.name}`;
          const services = [...new Set(remote.map((r) => r.service))];
          if (remote.length > max) {
            ctx.report({
              message: `flow ${flow.name} makes ${remote.length} remote calls (max ${max}): ${remote.map((r) => r.op).join(", ")}`,
              span: flow.nameSpan,
              elements: [flow.name, ...services],
              related: remote.map((r, i) => ({ span: r.span, message: `call ${i + 1}` })),
              help: "fetch what the flow needs in fewer, coarser ops, or let the services push it by events",
            });
          }
          for (const service of services) {
            const calls = remote.filter((r) => r.service === service);
            if (calls.length <= pairMax) continue;
            ctx.report({
              message: `flow ${flow.name}: ${caller} calls ${service} ${calls.length} times (max ${pairMax}): ${calls.map((r) => r.op).join(", ")}`,
              span: calls[pairMax].span,
              elements: [flow.name, service, ...(flow.by ? [flow.by] : [])],
              related: calls
                .filter((_, i) => i !== pairMax)
                .map((r) => ({ span: r.span, message: `call to ${service}` })),
              help: `give ${service} one op that does the whole exchange`,
            });
          }
        },
      );
  },
};

interface RemoteCall {
  readonly op: string;
  readonly service: string;
  readonly span: Span;
}

/** Op references of a flow that cross the network (ops of its own driver are local). */
function remoteCalls(ops: Record<string, { service: string; name: string }>, flow: Flow): RemoteCall[] {
  const out: RemoteCall[] = [];
  for (const ref of flow.opRefs) {
    const op = ops[ref.op];
    if (op === undefined || op.service === flow.by) continue;
    out.push({ op: `${op.service}.${op.name}`, service: op.service, span: ref.span });
  }
  return out;
}
