// The normal form of flow terms (LAWS.md §A), so that equal flows compare equal however they
// were written or split across files:
// - associativity: nested `;`, `&` and `*` are flattened;
// - identity: `id<T>` inside a `;` chain of two or more parts is dropped (a chain of only
//   identities keeps one), and a product of identities is the identity on the product;
// - interchange, oriented towards "parallel outside": `(f1 * … * fn) ; (g1 * … * gm)` becomes
//   `(F1 ; G1) * … * (Fk ; Gk)` for the finest grouping whose boundaries line up in type
//   (k ≥ 2; with n = m and `cod fi ≡ dom gi` that is `(f1 ; g1) * … * (fn ; gn)`), so
//   `(f;g) * (h;k)` and `(f*h) ; (g*k)` share one normal form. The same holds for a fan-out
//   on the left: `(f & g) ; (h * k)` becomes `(f ; h) & (g ; k)`.
// Components whose boundary type is `unit` carry no wire, and there the grouping is not
// unique: such terms are normalised consistently but interchange may leave them apart.

import type { FlowTerm, TypeExpr } from "../model/schema.js";
import { factorsOf, productOf, typeEquals } from "../types/type-expr.js";
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

function normalise(t: FlowTerm, sigOf: SigOf): FlowTerm {
  switch (t.kind) {
    case "op":
      return t;
    case "id":
      return { kind: "id", type: t.type };
    case "par":
      return makePar(t.parts.map((p) => normalise(p, sigOf)));
    case "fanout":
      return makeFanout(t.parts.map((p) => normalise(p, sigOf)));
    case "seq":
      return makeSeq(
        t.parts.map((p) => normalise(p, sigOf)),
        sigOf,
      );
  }
}

/** A product of normal terms: flattened; a product of identities is one identity. */
function makePar(parts: readonly FlowTerm[]): FlowTerm {
  const flat = parts.flatMap((p) => (p.kind === "par" ? p.parts : [p]));
  if (flat.length === 1) return flat[0];
  if (flat.every((p) => p.kind === "id"))
    return { kind: "id", type: productOf(flat.map((p) => (p as { type: TypeExpr }).type)) };
  return { kind: "par", parts: flat };
}

function makeFanout(parts: readonly FlowTerm[]): FlowTerm {
  const flat = parts.flatMap((p) => (p.kind === "fanout" ? p.parts : [p]));
  return flat.length === 1 ? flat[0] : { kind: "fanout", parts: flat };
}

/** A chain of normal terms: flattened, identities dropped, interchange applied to a fixpoint. */
function makeSeq(parts: readonly FlowTerm[], sigOf: SigOf): FlowTerm {
  const flat = parts.flatMap((p) => (p.kind === "seq" ? p.parts : [p]));
  let chain: FlowTerm[] = flat.filter((p) => p.kind !== "id");
  if (chain.length === 0) chain = [flat[0]];
  for (let i = 0; i + 1 < chain.length; ) {
    const merged = interchange(chain[i], chain[i + 1], sigOf);
    if (merged === undefined) {
      i++;
      continue;
    }
    chain = [...chain.slice(0, i), merged, ...chain.slice(i + 2)];
    // The merged term may now line up with its left neighbour.
    i = Math.max(0, i - 1);
  }
  return chain.length === 1 ? chain[0] : { kind: "seq", parts: chain };
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
    makeSeq([group(ps.slice(p0, p1)), makePar(qs.slice(q0, q1))], sigOf),
  );
  return group(chains);
}

/**
 * Blocks `[pStart, pEnd, qStart, qEnd]` cutting both sides where their factor counts meet.
 * When both sides have the same arity and line up part by part (unit included), each part is
 * its own block. Otherwise cuts fall strictly inside the boundary: a `unit`-typed part joins
 * the block before it on the left and the block after it on the right. Undefined when the
 * boundary types differ (an ill-typed chain is left as written).
 */
function alignBlocks(
  cods: readonly TypeExpr[],
  doms: readonly TypeExpr[],
): [number, number, number, number][] | undefined {
  const left = cods.map(factorsOf);
  const right = doms.map(factorsOf);
  const lf = left.flat();
  const rf = right.flat();
  if (lf.length !== rf.length || !lf.every((t, i) => typeEquals(t, rf[i]))) return undefined;
  if (cods.length === doms.length && cods.every((c, i) => typeEquals(c, doms[i])))
    return cods.map((_, i) => [i, i + 1, i, i + 1]);

  const total = lf.length;
  // Factor count after each left part and before each right part.
  const leftEnds: number[] = [];
  let n = 0;
  for (const f of left) {
    n += f.length;
    leftEnds.push(n);
  }
  const rightStarts: number[] = [];
  n = 0;
  for (const f of right) {
    rightStarts.push(n);
    n += f.length;
  }
  const leftCuts = new Map<number, number>(); // count → index after the last left part ending there
  for (let i = 0; i < leftEnds.length; i++) leftCuts.set(leftEnds[i], i + 1);
  const rightCuts = new Map<number, number>(); // count → index of the first right part starting there
  for (let j = rightStarts.length - 1; j >= 0; j--) rightCuts.set(rightStarts[j], j);

  const blocks: [number, number, number, number][] = [];
  let p0 = 0;
  let q0 = 0;
  for (let k = 1; k < total; k++) {
    const p1 = leftCuts.get(k);
    const q1 = rightCuts.get(k);
    if (p1 === undefined || q1 === undefined) continue;
    blocks.push([p0, p1, q0, q1]);
    p0 = p1;
    q0 = q1;
  }
  blocks.push([p0, cods.length, q0, doms.length]);
  return blocks;
}
