// The normal form of flow terms (LAWS.md §A), so that equal flows compare equal however they
// were written or split across files:
// - associativity: nested `;`, `&` and `*` are flattened;
// - identity: `id<T>` inside a `;` chain of two or more parts is dropped (a chain of only
//   identities keeps one); inside a product an identity is split per factor (`id<A * B>` is
//   `id<A> * id<B>`, `id<unit>` vanishes), and a product of identities only is one identity;
// - interchange, oriented towards "parallel outside": `(f1 * … * fn) ; (g1 * … * gm)` becomes
//   `(F1 ; G1) * … * (Fk ; Gk)` for the finest grouping whose boundaries line up in type
//   (k ≥ 2; with n = m and `cod fi ≡ dom gi` that is `(f1 ; g1) * … * (fn ; gn)`), so
//   `(f;g) * (h;k)` and `(f*h) ; (g*k)` share one normal form. The same holds for a fan-out
//   on the left: `(f & g) ; (h * k)` becomes `(f ; h) & (g ; k)`.
// A component whose boundary type is `unit` (an op `A -> unit` before the boundary, or
// `unit -> B` after it) carries no wire across it, so types do not say which block it belongs
// to; such a boundary is left as written, which keeps the rewriting confluent.

import type { FlowTerm, TypeExpr } from "../model/schema.js";
import { factorsOf, isUnit, productOf, typeEquals, UNIT } from "../types/type-expr.js";
import { type FlowSig, type OpSignatures, termSignature } from "./flow-term.js";

export function normaliseFlow(term: FlowTerm, sigs: OpSignatures): FlowTerm {
  const cache = new WeakMap<FlowTerm, FlowSig | null>();
  const sigOf = (t: FlowTerm): FlowSig | undefined => {
    const hit = cache.get(t);
    if (hit !== undefined) return hit ?? undefined;
    const s = termSignature(t, sigs);
    cache.set(t, s ?? null);
    return s;
  };
  return normalise(term, sigOf);
}

type SigOf = (t: FlowTerm) => FlowSig | undefined;

/**
 * The structural normal form: associativity and identities only. A chain is always flattened
 * completely before any regrouping, so how it was bracketed (or split across files) cannot
 * influence the interchange step.
 */
function structural(t: FlowTerm): FlowTerm {
  switch (t.kind) {
    case "op":
      return t;
    case "id":
      return { kind: "id", type: t.type };
    case "par":
      return makePar(t.parts.map(structural));
    case "fanout":
      return makeFanout(t.parts.map(structural));
    case "seq":
      return makeChain(t.parts.map(structural));
  }
}

const chainParts = (t: FlowTerm): readonly FlowTerm[] => (t.kind === "seq" ? t.parts : [t]);

/** The full normal form: structural, then interchange inside out. */
function normalise(t: FlowTerm, sigOf: SigOf): FlowTerm {
  switch (t.kind) {
    case "op":
    case "id":
      return structural(t);
    case "par":
      return makePar(t.parts.map((p) => normalise(p, sigOf)));
    case "fanout":
      return makeFanout(t.parts.map((p) => normalise(p, sigOf)));
    case "seq": {
      const links = chainParts(structural(t)).flatMap((p) => chainParts(normalise(p, sigOf)));
      return interchangeChain(makeChain(links), sigOf);
    }
  }
}

/** A chain of structural terms: flattened, identities dropped (a chain of only identities keeps one). */
function makeChain(parts: readonly FlowTerm[]): FlowTerm {
  const flat = parts.flatMap(chainParts);
  const kept = flat.filter((p) => p.kind !== "id");
  if (kept.length === 0) return flat[0];
  return kept.length === 1 ? kept[0] : { kind: "seq", parts: kept };
}

/** Applies interchange to adjacent links of a normal chain, left to right, to a fixpoint. */
function interchangeChain(t: FlowTerm, sigOf: SigOf): FlowTerm {
  if (t.kind !== "seq") return t;
  let chain: FlowTerm[] = [...t.parts];
  for (let i = 0; i + 1 < chain.length; ) {
    const merged = interchange(chain[i], chain[i + 1], sigOf);
    if (merged === undefined) {
      i++;
      continue;
    }
    chain = [...chain.slice(0, i), merged, ...chain.slice(i + 2)];
    // The merged link may now line up with its left neighbour.
    i = Math.max(0, i - 1);
  }
  return chain.length === 1 ? chain[0] : { kind: "seq", parts: chain };
}

/**
 * A product of normal terms: flattened; identities split into one per factor, so every
 * boundary between factors stays visible to interchange (`id<unit>` has no factor and
 * disappears: id_I * f = f); a product of identities only is one identity on the product.
 */
function makePar(parts: readonly FlowTerm[]): FlowTerm {
  const out: FlowTerm[] = [];
  for (const p of parts.flatMap((x) => (x.kind === "par" ? x.parts : [x]))) {
    if (p.kind === "id") for (const type of factorsOf(p.type)) out.push({ kind: "id", type });
    else out.push(p);
  }
  if (out.every((p) => p.kind === "id"))
    return { kind: "id", type: productOf(out.map((p) => (p as { type: TypeExpr }).type)) };
  return out.length === 1 ? out[0] : { kind: "par", parts: out };
}

/** A fan-out of normal terms: flattened; an `id<unit>` branch adds nothing to a fan-out from unit. */
function makeFanout(parts: readonly FlowTerm[]): FlowTerm {
  const flat = parts.flatMap((p) => (p.kind === "fanout" ? p.parts : [p]));
  const kept = flat.filter((p) => !(p.kind === "id" && isUnit(p.type)));
  if (kept.length === 0) return { kind: "id", type: UNIT };
  return kept.length === 1 ? kept[0] : { kind: "fanout", parts: kept };
}

/**
 * `left ; right` with `left` a product (or fan-out) and `right` a product, regrouped as a
 * product (or fan-out) of chains when their boundary splits into two or more blocks.
 */
function interchange(left: FlowTerm, right: FlowTerm, sigOf: SigOf): FlowTerm | undefined {
  if ((left.kind !== "par" && left.kind !== "fanout") || right.kind !== "par") return undefined;
  const ps = left.parts;
  const qs = right.parts;
  const cods = ps.map((p) => sigOf(p)?.codomain);
  const doms = qs.map((q) => sigOf(q)?.domain);
  if (cods.some((c) => c === undefined) || doms.some((d) => d === undefined)) return undefined;
  const blocks = alignBlocks(cods as TypeExpr[], doms as TypeExpr[]);
  if (blocks === undefined || blocks.length < 2) return undefined;
  const group = left.kind === "par" ? makePar : makeFanout;
  const chains = blocks.map(([p0, p1, q0, q1]) =>
    normalise({ kind: "seq", parts: [group(ps.slice(p0, p1)), makePar(qs.slice(q0, q1))] }, sigOf),
  );
  return group(chains);
}

/**
 * Blocks `[pStart, pEnd, qStart, qEnd]` cutting both sides wherever their factor counts meet:
 * the finest grouping in which each left block's codomain is its right block's domain.
 * Undefined when the boundary types differ (an ill-typed chain is left as written) or when a
 * component's boundary type is `unit`: it carries no wire, so no grouping of it is canonical.
 */
function alignBlocks(
  cods: readonly TypeExpr[],
  doms: readonly TypeExpr[],
): [number, number, number, number][] | undefined {
  const left = cods.map(factorsOf);
  const right = doms.map(factorsOf);
  if (left.some((f) => f.length === 0) || right.some((f) => f.length === 0)) return undefined;
  const lf = left.flat();
  const rf = right.flat();
  if (lf.length !== rf.length || !lf.every((t, i) => typeEquals(t, rf[i]))) return undefined;

  // Factor count at the end of each left part → the index after it; likewise on the right.
  const leftCuts = new Map<number, number>();
  let n = 0;
  left.forEach((f, i) => {
    n += f.length;
    leftCuts.set(n, i + 1);
  });
  const rightCuts = new Map<number, number>();
  n = 0;
  right.forEach((f, j) => {
    n += f.length;
    rightCuts.set(n, j + 1);
  });
  const blocks: [number, number, number, number][] = [];
  let p0 = 0;
  let q0 = 0;
  for (const [count, p1] of leftCuts) {
    const q1 = rightCuts.get(count);
    if (q1 === undefined) continue;
    blocks.push([p0, p1, q0, q1]);
    p0 = p1;
    q0 = q1;
  }
  return blocks;
}
