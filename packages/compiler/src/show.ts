// Printing and looking up ops for messages, hovers and reports.

import type { Model, Op } from "./model/schema.js";
import { showType } from "./types/type-expr.js";

/** `Order -> Payment ! Declined | Fraud`. */
export function opSignature(op: Pick<Op, "domain" | "codomain" | "errors">): string {
  const base = `${showType(op.domain)} -> ${showType(op.codomain)}`;
  return op.errors.length > 0 ? `${base} ! ${op.errors.join(" | ")}` : base;
}

/** The op `svc.op` (in the service's newest API) or `svc.api.op` names, if any. */
export function resolveOpRef(model: Pick<Model, "ops" | "index">, ref: string): Op | undefined {
  const parts = ref.split(".");
  if (parts.length === 3) return model.ops[ref];
  if (parts.length !== 2) return undefined;
  const api = model.index.newestApi[parts[0]];
  return api === undefined ? undefined : model.ops[`${parts[0]}.${api}.${parts[1]}`];
}
