// LAWS.md §A as properties over random terms: the compiler accepts exactly the well-typed flows
// (judged by an independent reference typer), normalisation is idempotent and preserves types,
// and identity, associativity and interchange hold on normal forms.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FlowTerm, normaliseFlow, showFlowTerm, showType, typeOfTerm } from "../src/index.js";
import {
  ATOMS,
  composableArb,
  opSignatures,
  printTerm,
  refType,
  type Signature,
  showTy,
  signatureArb,
  signatureSource,
  type Term,
  toFlowTerm,
  typedArb,
  typedFrom,
  untypedArb,
} from "./flow-arbitraries.js";
import { compile } from "./helpers.js";

// ARCHC_LAW_RUNS raises the run count for a longer search (e.g. 5000 before a release), and
// ARCHC_LAW_SEED picks another seed (CI runs the same terms every time, as the other property
// tests do; a random seed found the gap pinned at the end of this file).
const SEED = Number(process.env.ARCHC_LAW_SEED ?? 20_261_122);
const RUNS = { numRuns: Number(process.env.ARCHC_LAW_RUNS ?? 300), seed: SEED };

function nf(sig: Signature, t: Term | FlowTerm): FlowTerm {
  const term = "k" in t ? toFlowTerm(sig, t) : t;
  return normaliseFlow(term, opSignatures(sig));
}
const shown = (sig: Signature, t: Term | FlowTerm): string => showFlowTerm(nf(sig, t));

describe("the compiler accepts exactly the well-typed flows", () => {
  const termAndSig = signatureArb().chain((sig) =>
    fc.tuple(fc.constant(sig), fc.oneof(untypedArb(sig), typedArb(sig))),
  );

  it("reports a composition error iff the reference typer rejects the term", () => {
    fc.assert(
      fc.property(termAndSig, ([sig, term]) => {
        const ref = refType(sig, term);
        const { diagnostics, model } = compile(`${signatureSource(sig)}flow f = ${printTerm(sig, term)}\n`);
        const errors = diagnostics.filter((d) => d.severity === "error");
        if (ref === null) {
          expect(errors.length).toBeGreaterThan(0);
          for (const e of errors) expect(["E0301", "E0302"]).toContain(e.code);
          expect(model.flows.f.type).toBeUndefined();
        } else {
          expect(errors).toEqual([]);
          const t = model.flows.f.type;
          expect(t && `${showType(t.domain)} -> ${showType(t.codomain)}`).toBe(
            `${showTy(ref.dom)} -> ${showTy(ref.cod)}`,
          );
        }
      }),
      RUNS,
    );
  });

  it("accepts a declared signature iff the term is well typed and the signature is its type", () => {
    const arb = signatureArb().chain((sig) =>
      fc.tuple(
        fc.constant(sig),
        fc.oneof(untypedArb(sig), typedArb(sig)),
        fc.option(
          fc.tuple(
            fc.array(fc.constantFrom(...ATOMS), { maxLength: 2 }),
            fc.array(fc.constantFrom(...ATOMS), { maxLength: 2 }),
          ),
        ),
      ),
    );
    fc.assert(
      fc.property(arb, ([sig, term, guess]) => {
        const ref = refType(sig, term);
        const declared = guess ?? (ref ? [ref.dom, ref.cod] : [[], []]);
        const text = `${signatureSource(sig)}flow f: ${showTy(declared[0])} -> ${showTy(declared[1])} = ${printTerm(sig, term)}\n`;
        const ok =
          ref !== null && showTy(ref.dom) === showTy(declared[0]) && showTy(ref.cod) === showTy(declared[1]);
        const errors = compile(text).diagnostics.filter((d) => d.severity === "error");
        expect(errors.length === 0).toBe(ok);
      }),
      RUNS,
    );
  });
});

describe("normal forms (LAWS.md §A2–§A5)", () => {
  const sigAnd = <T>(f: (sig: Signature) => fc.Arbitrary<T>) =>
    signatureArb().chain((sig) => fc.tuple(fc.constant(sig), f(sig)));

  it("normalisation is idempotent, on any term", () => {
    fc.assert(
      fc.property(
        sigAnd((sig) => fc.oneof(untypedArb(sig), typedArb(sig))),
        ([sig, t]) => {
          const once = nf(sig, t);
          expect(nf(sig, once)).toEqual(once);
        },
      ),
      RUNS,
    );
  });

  it("normalisation preserves the type of well-typed terms", () => {
    fc.assert(
      fc.property(
        sigAnd((sig) => typedArb(sig)),
        ([sig, t]) => {
          const sigs = opSignatures(sig);
          const before = typeOfTerm(toFlowTerm(sig, t), sigs);
          const after = typeOfTerm(nf(sig, t), sigs);
          expect(before).toBeDefined();
          expect(after).toEqual(before);
        },
      ),
      RUNS,
    );
  });

  it("identity: id ; f = f = f ; id", () => {
    fc.assert(
      fc.property(
        sigAnd((sig) => typedArb(sig)),
        ([sig, f]) => {
          const ty = refType(sig, f);
          if (ty === null) throw new Error("generator produced an ill-typed term");
          const plain = shown(sig, f);
          expect(shown(sig, { k: "seq", parts: [{ k: "id", t: ty.dom }, f] })).toBe(plain);
          expect(shown(sig, { k: "seq", parts: [f, { k: "id", t: ty.cod }] })).toBe(plain);
        },
      ),
      RUNS,
    );
  });

  it("associativity of ;, & and *", () => {
    const triple = sigAnd((sig) =>
      composableArb(sig).chain(([f, g]) =>
        typedFrom(sig, refType(sig, g)?.cod ?? [], 2).map((h) => [f, g, h] as const),
      ),
    );
    fc.assert(
      fc.property(triple, ([sig, [f, g, h]]) => {
        expect(shown(sig, { k: "seq", parts: [{ k: "seq", parts: [f, g] }, h] })).toBe(
          shown(sig, { k: "seq", parts: [f, { k: "seq", parts: [g, h] }] }),
        );
        for (const k of ["par", "fan"] as const)
          expect(shown(sig, { k, parts: [{ k, parts: [f, g] }, h] })).toBe(
            shown(sig, { k, parts: [f, { k, parts: [g, h] }] }),
          );
      }),
      RUNS,
    );
  });

  // Interchange is stated over types without `unit` boundaries: a component whose codomain is
  // `unit` carries no wire, so which block it belongs to is not determined by the types (see
  // normalise-flow.ts). The signature below has no `unit` domains or codomains.
  const NO_UNIT = ["A", "B"];
  const quad = signatureArb(NO_UNIT).chain((sig) =>
    fc
      .tuple(fc.constant(sig), composableArb(sig, 2, NO_UNIT), composableArb(sig, 2, NO_UNIT))
      .filter(([s, [f, g], [h, k]]) =>
        [f, g, h, k].every(
          (t) => (refType(s, t)?.dom.length ?? 0) > 0 && (refType(s, t)?.cod.length ?? 0) > 0,
        ),
      ),
  );

  it("interchange: (f;g) * (h;k) = (f*h) ; (g*k)", () => {
    fc.assert(
      fc.property(quad, ([sig, [f, g], [h, k]]) => {
        const lhs: Term = {
          k: "par",
          parts: [
            { k: "seq", parts: [f, g] },
            { k: "seq", parts: [h, k] },
          ],
        };
        const rhs: Term = {
          k: "seq",
          parts: [
            { k: "par", parts: [f, h] },
            { k: "par", parts: [g, k] },
          ],
        };
        expect(shown(sig, rhs)).toBe(shown(sig, lhs));
      }),
      RUNS,
    );
  });

  it("fan-out interchange: (f;g) & (h;k) = (f&h) ; (g*k) when f and h share a domain", () => {
    const sameDom = signatureArb(NO_UNIT).chain((sig) =>
      fc
        .array(fc.constantFrom(...NO_UNIT), { minLength: 1, maxLength: 2 })
        .chain((dom) => fc.tuple(fc.constant(sig), typedFrom(sig, dom, 2), typedFrom(sig, dom, 2)))
        .chain(([s, f, h]) =>
          fc.tuple(
            fc.constant(s),
            fc.constant(f),
            typedFrom(s, refType(s, f)?.cod ?? [], 2),
            fc.constant(h),
            typedFrom(s, refType(s, h)?.cod ?? [], 2),
          ),
        )
        .filter(([s, ...ts]) => ts.every((t) => (refType(s, t)?.cod.length ?? 0) > 0)),
    );
    fc.assert(
      fc.property(sameDom, ([sig, f, g, h, k]) => {
        const lhs: Term = {
          k: "fan",
          parts: [
            { k: "seq", parts: [f, g] },
            { k: "seq", parts: [h, k] },
          ],
        };
        const rhs: Term = {
          k: "seq",
          parts: [
            { k: "fan", parts: [f, h] },
            { k: "par", parts: [g, k] },
          ],
        };
        expect(shown(sig, rhs)).toBe(shown(sig, lhs));
      }),
      RUNS,
    );
  });

  it("the compiler stores flows in normal form: equal flows written differently compare equal", () => {
    fc.assert(
      fc.property(quad, ([sig, [f, g], [h, k]]) => {
        const lhs = printTerm(sig, {
          k: "par",
          parts: [
            { k: "seq", parts: [f, g] },
            { k: "seq", parts: [h, k] },
          ],
        });
        const rhs = printTerm(sig, {
          k: "seq",
          parts: [
            { k: "par", parts: [f, h] },
            { k: "par", parts: [g, k] },
          ],
        });
        const { model, diagnostics } = compile(`${signatureSource(sig)}flow l = ${lhs}\nflow r = ${rhs}\n`);
        expect(diagnostics).toEqual([]);
        const l = model.flows.l.term;
        const r = model.flows.r.term;
        expect(l && showFlowTerm(l)).toBe(r && showFlowTerm(r));
      }),
      { numRuns: Math.ceil(RUNS.numRuns / 3), seed: SEED },
    );
  });
});

// A gap in the normal form, found by a random seed: in a chain of three or more links whose
// product boundaries overlap (here a fan-out cut A | A B, then A | A | B, then A A | B A),
// interchange merges the first pair it can, so the grouping depends on how the flow was
// bracketed, and `(f;g) * (h;k)` and `(f*h) ; (g*k)` are stored differently although equal.
// A canonical form needs the flow's wiring diagram (packages/compiler/README.md). `it.fails`
// turns red once the two sides compare equal: then make it a plain `it`.
describe("known gap", () => {
  it.fails("interchange on chains whose boundaries overlap is not yet canonical", () => {
    const sig: Signature = [
      { name: "o0", dom: ["A"], cod: ["A", "B"] },
      { name: "o1", dom: ["B", "A"], cod: ["A", "B"] },
      { name: "o2", dom: ["A", "A"], cod: ["A"] },
      { name: "o3", dom: ["A", "B"], cod: ["A", "A"] },
      { name: "o4", dom: ["B"], cod: ["B", "A"] },
    ];
    const op = (i: number): Term => ({ k: "op", i });
    const id = (...t: ("A" | "B")[]): Term => ({ k: "id", t });
    const f: Term = { k: "seq", parts: [{ k: "fan", parts: [id("A"), op(0)] }, id("A", "A", "B")] };
    const g: Term = {
      k: "seq",
      parts: [
        { k: "par", parts: [id("A", "A"), op(4)] },
        { k: "par", parts: [op(2), op(1)] },
      ],
    };
    const h: Term = { k: "fan", parts: [{ k: "par", parts: [id(), id("A")] }, id("A")] };
    const k: Term = { k: "fan", parts: [{ k: "par", parts: [id(), op(2)] }, id("A", "A")] };
    const lhs = printTerm(sig, {
      k: "par",
      parts: [
        { k: "seq", parts: [f, g] },
        { k: "seq", parts: [h, k] },
      ],
    });
    const rhs = printTerm(sig, {
      k: "seq",
      parts: [
        { k: "par", parts: [f, h] },
        { k: "par", parts: [g, k] },
      ],
    });
    const { model, diagnostics } = compile(`${signatureSource(sig)}flow l = ${lhs}\nflow r = ${rhs}\n`);
    expect(diagnostics).toEqual([]);
    expect(showFlowTerm(model.flows.l.term!)).toBe(showFlowTerm(model.flows.r.term!));
  });
});
