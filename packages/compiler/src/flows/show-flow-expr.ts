// Flow expressions and types printed as the author wrote them, for diagnostics
// ("cannot compose inventory.reserve (Order -> Reservation) with …").

import type { FlowExpr, TypeRef } from "@archc/dsl";

export function showTypeRef(t: TypeRef | undefined): string {
  if (t === undefined) return "?";
  switch (t.kind) {
    case "NamedType":
      return t.name?.text || "?";
    case "ListType":
      return `list<${showTypeRef(t.element)}>`;
    case "MapType":
      return `map<${showTypeRef(t.key)}, ${showTypeRef(t.value)}>`;
    case "ProductType":
      return (t.parts ?? [])
        .map((p) => (p.kind === "ProductType" ? `(${showTypeRef(p)})` : showTypeRef(p)))
        .join(" * ");
  }
}

const OPERATOR = { FlowSeq: " ; ", FlowFanout: " & ", FlowPar: " * " } as const;

/** An operand in a message: compound expressions in parentheses. */
export function showOperand(e: FlowExpr | undefined): string {
  return e === undefined || e.kind === "FlowOp" || e.kind === "FlowId"
    ? showFlowExpr(e)
    : `(${showFlowExpr(e)})`;
}

export function showFlowExpr(e: FlowExpr | undefined): string {
  if (e === undefined) return "?";
  switch (e.kind) {
    case "FlowOp": {
      const r = e.ref;
      if (r === undefined) return "?";
      return [r.service?.text, r.api?.text, r.op?.text].filter((x) => x !== undefined).join(".");
    }
    case "FlowId":
      return `id<${showTypeRef(e.type)}>`;
    default:
      return (e.parts ?? []).map(showOperand).join(OPERATOR[e.kind]);
  }
}
