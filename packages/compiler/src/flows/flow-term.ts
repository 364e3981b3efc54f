// Flow terms as values: their signatures, their printed form, and a checking typer. Terms name
// ops by OpId; a signature lookup supplies each op's domain and codomain.

import type { FlowTerm, Model, TypeExpr } from "../model/schema.js";
import { productOf, showType, typeEquals } from "../types/type-expr.js";

export interface FlowSig {
  readonly domain: TypeExpr;
  readonly codomain: TypeExpr;
}

/** An op's signature by OpId (undefined when the op is unknown). */
export type OpSignatures = (opId: string) => FlowSig | undefined;

export function modelSignatures(model: Pick<Model, "ops">): OpSignatures {
  return (id) => model.ops[id];
}

/**
 * The signature a term has if it is well typed, read off its ends without checking the
 * inside (the normaliser's view): `seq` runs from its first part's domain to its last part's
 * codomain; `fanout` shares its first branch's domain; `par` multiplies both ends.
 */
export function termSignature(t: FlowTerm, sigs: OpSignatures): FlowSig | undefined {
  switch (t.kind) {
    case "op":
      return sigs(t.op);
    case "id":
      return { domain: t.type, codomain: t.type };
    case "seq": {
      const first = termSignature(t.parts[0], sigs);
      const last = termSignature(t.parts[t.parts.length - 1], sigs);
      return first && last ? { domain: first.domain, codomain: last.codomain } : undefined;
    }
    case "fanout":
    case "par": {
      const parts = t.parts.map((p) => termSignature(p, sigs));
      if (parts.some((p) => p === undefined)) return undefined;
      const ok = parts as FlowSig[];
      return {
        domain: t.kind === "fanout" ? ok[0].domain : productOf(ok.map((p) => p.domain)),
        codomain: productOf(ok.map((p) => p.codomain)),
      };
    }
  }
}

/** The type of a term, checking every composition (LAWS.md §A); undefined when ill typed. */
export function typeOfTerm(t: FlowTerm, sigs: OpSignatures): FlowSig | undefined {
  switch (t.kind) {
    case "op":
    case "id":
      return termSignature(t, sigs);
    case "seq": {
      let acc = typeOfTerm(t.parts[0], sigs);
      for (const part of t.parts.slice(1)) {
        const next = typeOfTerm(part, sigs);
        if (acc === undefined || next === undefined || !typeEquals(acc.codomain, next.domain))
          return undefined;
        acc = { domain: acc.domain, codomain: next.codomain };
      }
      return acc;
    }
    case "fanout":
    case "par": {
      const parts = t.parts.map((p) => typeOfTerm(p, sigs));
      if (parts.some((p) => p === undefined)) return undefined;
      const ok = parts as FlowSig[];
      if (t.kind === "fanout" && ok.some((p) => !typeEquals(p.domain, ok[0].domain))) return undefined;
      return {
        domain: t.kind === "fanout" ? ok[0].domain : productOf(ok.map((p) => p.domain)),
        codomain: productOf(ok.map((p) => p.codomain)),
      };
    }
  }
}

const OPERATOR = { seq: " ; ", fanout: " & ", par: " * " } as const;

/** `orders.v1.place ; (inventory.v1.reserve & payments.v1.charge)`; compound parts in parentheses. */
export function showFlowTerm(t: FlowTerm): string {
  switch (t.kind) {
    case "op":
      return t.op;
    case "id":
      return `id<${showType(t.type)}>`;
    default:
      return t.parts
        .map((p) => (p.kind === "op" || p.kind === "id" ? showFlowTerm(p) : `(${showFlowTerm(p)})`))
        .join(OPERATOR[t.kind]);
  }
}

export function showSig(s: FlowSig): string {
  return `${showType(s.domain)} -> ${showType(s.codomain)}`;
}
