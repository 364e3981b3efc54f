// Stage: flows — typed, checked against their declared signature, and stored in normal form.

import { isQuantityOf } from "@archc/dsl";
import { toFraction, toMs } from "../build/units.js";
import { buildEntry, type CompileContext } from "../context.js";
import type { Flow } from "../model/schema.js";
import { lookup, type SymbolOf } from "../names/collect-decls.js";
import { defined } from "../build/read-props.js";
import { compatible } from "../types/type-expr.js";
import { type FlowSig, modelSignatures, type OpSignatures, showSig } from "./flow-term.js";
import { normaliseFlow } from "./normalise-flow.js";
import { type FlowTyping, typeFlow } from "./type-flows.js";

export function buildFlows(ctx: CompileContext): void {
  const flows = ctx.symbols.ofKind("flow");
  for (let i = 0; i < flows.length; i++)
    ctx.model.flows[flows[i].name] = buildEntry(ctx, "flows", flows[i], buildFlow);
}

function buildFlow(ctx: CompileContext, sym: SymbolOf<"flow">): Flow {
  const { name, decl: d } = sym;
  const sigs: OpSignatures = modelSignatures(ctx.model);
  const env: FlowTyping = { ctx, opRefs: [] };
  const typed = typeFlow(env, d.body);
  const declared: FlowSig | undefined =
    d.signature?.domain && d.signature.codomain
      ? { domain: ctx.types.resolve(d.signature.domain), codomain: ctx.types.resolve(d.signature.codomain) }
      : undefined;
  const inferred = typed.sig;
  if (
    declared &&
    inferred &&
    d.signature &&
    !(compatible(declared.domain, inferred.domain) && compatible(declared.codomain, inferred.codomain))
  ) {
    ctx.sink.error(
      "E0303",
      d.signature.span,
      `flow \`${name}\` is declared ${showSig(declared)}, but its body has type ${showSig(inferred)}`,
      { help: "correct the declared signature, or change the body" },
    );
  }
  const by = lookup(ctx.symbols, ctx.sink, d.by, ["service", "gateway"], "service or gateway");
  const slo = d.slo;
  return defined({
    name,
    declared,
    type: inferred,
    term: typed.term ? normaliseFlow(typed.term, sigs) : undefined,
    opRefs: env.opRefs,
    by: by?.name,
    bySpan: by ? d.by?.span : undefined,
    slo: slo
      ? defined({
          latencyMs: slo.latency && isQuantityOf(slo.latency, "duration") ? toMs(slo.latency) : undefined,
          availability:
            slo.availability && isQuantityOf(slo.availability, "percent")
              ? toFraction(slo.availability)
              : undefined,
          span: slo.span,
        })
      : undefined,
    doc: d.doc,
    span: d.span,
    nameSpan: d.name.span,
  });
}
