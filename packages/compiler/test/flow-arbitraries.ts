// Random flow terms over a small random signature, for the law tests. Types are lists of
// atoms (a flat product; `[]` is unit). The reference typer here is deliberately independent
// of the compiler: it works on these lists directly.

import fc from "fast-check";
import type { FlowTerm, TypeExpr } from "../src/index.js";
import { productOf } from "../src/index.js";

export const ATOMS = ["A", "B", "C"] as const;
export type Ty = readonly string[];

export interface SigOp {
  readonly name: string;
  readonly dom: Ty;
  readonly cod: Ty;
}
export type Signature = readonly SigOp[];

export type Term =
  | { readonly k: "op"; readonly i: number }
  | { readonly k: "id"; readonly t: Ty }
  | { readonly k: "seq" | "fan" | "par"; readonly parts: readonly Term[] };

// ------------------------------------------------------------------ reference typer

const same = (a: Ty, b: Ty) => a.length === b.length && a.every((x, i) => x === b[i]);

export function refType(sig: Signature, t: Term): { dom: Ty; cod: Ty } | null {
  switch (t.k) {
    case "op":
      return { dom: sig[t.i].dom, cod: sig[t.i].cod };
    case "id":
      return { dom: t.t, cod: t.t };
    case "seq": {
      let acc = refType(sig, t.parts[0]);
      for (const p of t.parts.slice(1)) {
        const next = refType(sig, p);
        if (!acc || !next || !same(acc.cod, next.dom)) return null;
        acc = { dom: acc.dom, cod: next.cod };
      }
      return acc;
    }
    case "fan":
    case "par": {
      const ts = t.parts.map((p) => refType(sig, p));
      if (ts.some((x) => x === null)) return null;
      const ok = ts as { dom: Ty; cod: Ty }[];
      if (t.k === "fan" && ok.some((x) => !same(x.dom, ok[0].dom))) return null;
      return { dom: t.k === "fan" ? ok[0].dom : ok.flatMap((x) => x.dom), cod: ok.flatMap((x) => x.cod) };
    }
  }
}

// ------------------------------------------------------------------ printing

export const showTy = (t: Ty): string => (t.length === 0 ? "unit" : t.join(" * "));

const OPS = { seq: " ; ", fan: " & ", par: " * " } as const;

/** The term in .arch syntax; compound parts are parenthesised (`&` and `*` may not mix). */
export function printTerm(sig: Signature, t: Term): string {
  switch (t.k) {
    case "op":
      return `s.${sig[t.i].name}`;
    case "id":
      return `id<${showTy(t.t)}>`;
    default:
      return t.parts
        .map((p) => (p.k === "op" || p.k === "id" ? printTerm(sig, p) : `(${printTerm(sig, p)})`))
        .join(OPS[t.k]);
  }
}

export function signatureSource(sig: Signature): string {
  const ops = sig.map((o) => `    op ${o.name}: ${showTy(o.dom)} -> ${showTy(o.cod)}`).join("\n");
  return `${ATOMS.map((a) => `type ${a} { }`).join("\n")}\nservice s {\n  api v1 {\n${ops}\n  }\n}\n`;
}

// ------------------------------------------------------------------ the compiler's terms

export const toTypeExpr = (t: Ty): TypeExpr => productOf(t.map((name) => ({ kind: "ref", name })));

const SPAN = { file: "t.arch", start: 0, end: 0, line: 1, col: 1, endLine: 1, endCol: 1 };

export function toFlowTerm(sig: Signature, t: Term): FlowTerm {
  switch (t.k) {
    case "op":
      return { kind: "op", op: `s.v1.${sig[t.i].name}`, span: SPAN };
    case "id":
      return { kind: "id", type: toTypeExpr(t.t) };
    default:
      return { kind: t.k === "fan" ? "fanout" : t.k, parts: t.parts.map((p) => toFlowTerm(sig, p)) };
  }
}

export function opSignatures(sig: Signature) {
  const byId = new Map(
    sig.map((o) => [`s.v1.${o.name}`, { domain: toTypeExpr(o.dom), codomain: toTypeExpr(o.cod) }]),
  );
  return (id: string) => byId.get(id);
}

// ------------------------------------------------------------------ generators

export function tyArb(atoms: readonly string[] = ATOMS, maxLength = 2): fc.Arbitrary<Ty> {
  return fc.array(fc.constantFrom(...atoms), { maxLength });
}

export function signatureArb(atoms: readonly string[] = ATOMS): fc.Arbitrary<Signature> {
  const minLength = atoms.length === ATOMS.length ? 0 : 1;
  return fc
    .array(
      fc.record({
        dom: tyArb(atoms).filter((t) => t.length >= minLength),
        cod: tyArb(atoms).filter((t) => t.length >= minLength),
      }),
      {
        minLength: 3,
        maxLength: 8,
      },
    )
    .map((ops) => ops.map((o, i) => ({ name: `o${i}`, ...o })));
}

/** Any term, mostly ill typed. */
export function untypedArb(sig: Signature, atoms: readonly string[] = ATOMS): fc.Arbitrary<Term> {
  return fc.letrec<{ t: Term }>((tie) => ({
    t: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.nat(sig.length - 1).map((i): Term => ({ k: "op", i })),
      tyArb(atoms).map((t): Term => ({ k: "id", t })),
      fc
        .record({
          k: fc.constantFrom("seq", "fan", "par") as fc.Arbitrary<"seq" | "fan" | "par">,
          parts: fc.array(tie("t"), { minLength: 2, maxLength: 3 }),
        })
        .map((r): Term => r),
    ),
  })).t;
}

/** A well-typed term with domain `dom` (an op of that domain, or a composite built around it). */
export function typedFrom(sig: Signature, dom: Ty, depth: number): fc.Arbitrary<Term> {
  const ops = sig.map((o, i) => ({ o, i })).filter(({ o }) => same(o.dom, dom));
  const leaves: fc.Arbitrary<Term>[] = [fc.constant<Term>({ k: "id", t: dom })];
  if (ops.length > 0)
    leaves.push(
      fc.constantFrom(...ops).map(({ i }): Term => ({ k: "op", i })),
      fc.constantFrom(...ops).map(({ i }): Term => ({ k: "op", i })),
    );
  if (depth <= 0) return fc.oneof(...leaves);
  const seq = typedFrom(sig, dom, depth - 1).chain((f) => {
    const cod = refType(sig, f)?.cod ?? dom;
    return typedFrom(sig, cod, depth - 1).map((g): Term => ({ k: "seq", parts: [f, g] }));
  });
  const fan = fc
    .tuple(typedFrom(sig, dom, depth - 1), typedFrom(sig, dom, depth - 1))
    .map(([f, g]): Term => ({ k: "fan", parts: [f, g] }));
  const par = fc
    .nat(dom.length)
    .chain((cut) =>
      fc
        .tuple(typedFrom(sig, dom.slice(0, cut), depth - 1), typedFrom(sig, dom.slice(cut), depth - 1))
        .map(([f, g]): Term => ({ k: "par", parts: [f, g] })),
    );
  return fc.oneof(...leaves, seq, fan, par);
}

/** A well-typed term with any domain. */
export function typedArb(sig: Signature, depth = 3, atoms: readonly string[] = ATOMS): fc.Arbitrary<Term> {
  return tyArb(atoms).chain((dom) => typedFrom(sig, dom, depth));
}

/** `f` well typed, and `g` well typed from f's codomain. */
export function composableArb(
  sig: Signature,
  depth = 2,
  atoms: readonly string[] = ATOMS,
): fc.Arbitrary<[Term, Term]> {
  return typedArb(sig, depth, atoms).chain((f) =>
    typedFrom(sig, refType(sig, f)?.cod ?? [], depth).map((g): [Term, Term] => [f, g]),
  );
}
