// Types: primitives, nominal records and enums, transparent aliases, list/map, optional
// fields, recursive records, flat products with `unit` as identity.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { productOf, showType, type TypeExpr, typeEquals } from "../src/index.js";
import { compile, expectClean, onlyError } from "./helpers.js";

const prim = (name: "string" | "int" | "unit" | "uuid"): TypeExpr => ({ kind: "prim", name });
const ref = (name: string): TypeExpr => ({ kind: "ref", name });

describe("resolved types", () => {
  it("records with optional, list, map and recursive fields", () => {
    const { model } = expectClean(`
type Node { label: string, children: list<Node>, meta?: map<string, int>, "content-type": string }
enum Colour { red, green }
type Pair = Node * Colour
`);
    expect(model.types.Node).toMatchObject({
      kind: "record",
      fields: [
        { name: "label", optional: false, type: prim("string") },
        { name: "children", optional: false, type: { kind: "list", element: ref("Node") } },
        { name: "meta", optional: true, type: { kind: "map", key: prim("string"), value: prim("int") } },
        { name: "content-type", optional: false, type: prim("string") },
      ],
    });
    expect(model.types.Colour).toMatchObject({ kind: "enum", members: ["red", "green"] });
    expect(model.types.Pair).toMatchObject({
      kind: "alias",
      target: { kind: "product", parts: [ref("Node"), ref("Colour")] },
    });
  });

  it("expands aliases transparently, also through other aliases", () => {
    const { model } = expectClean(`
type OrderId = Id
type Id = uuid
type Ids = list<OrderId>
service s { api v1 { op f: OrderId -> Ids } }
`);
    expect(model.ops["s.v1.f"].domain).toEqual(prim("uuid"));
    expect(model.ops["s.v1.f"].codomain).toEqual({ kind: "list", element: prim("uuid") });
  });

  it("keeps products flat, drops unit, and makes an empty product unit", () => {
    const { model } = expectClean(`
type A { } type B { } type C { }
type P1 = (A * B) * C
type P2 = A * (B * C)
type P3 = A * unit
type P4 = unit * unit
type P5 = (A * unit) * (unit * B)
`);
    const target = (n: string) => (model.types[n] as { target: TypeExpr }).target;
    expect(target("P1")).toEqual({ kind: "product", parts: [ref("A"), ref("B"), ref("C")] });
    expect(typeEquals(target("P1"), target("P2"))).toBe(true);
    expect(target("P3")).toEqual(ref("A"));
    expect(target("P4")).toEqual(prim("unit"));
    expect(target("P5")).toEqual({ kind: "product", parts: [ref("A"), ref("B")] });
  });

  it("treats records as nominal: equal fields do not make equal types", () => {
    const { diagnostics } = compile(`
type Order { id: uuid }
type Reservation { id: uuid }
service s { api v1 { op a: unit -> Order  op b: Reservation -> unit } }
flow f = s.a ; s.b
`);
    expect(diagnostics.map((d) => d.code)).toEqual(["E0301"]);
  });

  it("reports alias cycles once, naming the cycle", () => {
    const d = onlyError(
      "type A = B\ntype B = C\ntype C = A\ntype D = A\nservice s { api v1 { op f: D -> A } }\n",
      "E0304",
    );
    expect(d.message).toBe("type alias `A` is defined in terms of itself: A -> B -> C -> A");
    expect(d.related.map((r) => r.message)).toEqual(["`B` is part of the cycle", "`C` is part of the cycle"]);
    expect(onlyError("type T = list<T>\n", "E0304").message).toBe(
      "type alias `T` is defined in terms of itself: T -> T",
    );
  });

  it("accepts string-like map keys only", () => {
    expectClean(
      "enum K { a, b }\ntype KK = K\ntype M { a: map<uuid, int>, b: map<KK, int>, c: map<date, int> }\n",
    );
    expect(onlyError("type R { }\ntype M { a: map<R, int> }\n", "E0306").message).toBe(
      "a map key must be a string type, found `R`",
    );
  });

  it("requires error types to be records or enums (aliases of them allowed)", () => {
    const { model } = expectClean(`
enum Declined { insufficient-funds, fraud }
type NotFound { id: uuid }
type Gone = NotFound
service s { api v1 { op f: unit -> unit ! Declined | Gone } }
`);
    expect(model.ops["s.v1.f"].errors).toEqual(["Declined", "NotFound"]);
    expect(
      onlyError("type L = list<int>\nservice s { api v1 { op f: unit -> unit ! L } }\n", "E0305").message,
    ).toBe("error type `L` stands for `list<int>`; an op's errors are records or enums");
  });
});

describe("showType and typeEquals", () => {
  it("prints types the way they are written", () => {
    expect(showType(ref("Order"))).toBe("Order");
    expect(showType({ kind: "list", element: ref("Order") })).toBe("list<Order>");
    expect(showType(productOf([ref("Order"), ref("Payment")]))).toBe("Order * Payment");
    expect(showType(productOf([]))).toBe("unit");
    expect(
      showType({ kind: "map", key: prim("string"), value: { kind: "list", element: prim("int") } }),
    ).toBe("map<string, list<int>>");
  });

  const atom = fc.constantFrom<TypeExpr>(ref("A"), ref("B"), prim("int"), prim("unit"));
  const typeArb: fc.Arbitrary<TypeExpr> = fc.letrec<{ t: TypeExpr }>((tie) => ({
    t: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      atom,
      tie("t").map((element) => ({ kind: "list", element }) as TypeExpr),
      fc.array(tie("t"), { maxLength: 3 }).map(productOf),
    ),
  })).t;

  it("products form a strict monoid: associative, unit is the identity", () => {
    fc.assert(
      fc.property(typeArb, typeArb, typeArb, (a, b, c) => {
        expect(typeEquals(productOf([productOf([a, b]), c]), productOf([a, productOf([b, c])]))).toBe(true);
        expect(typeEquals(productOf([a, prim("unit")]), a)).toBe(true);
        expect(typeEquals(productOf([prim("unit"), a]), a)).toBe(true);
      }),
    );
  });

  it("typeEquals is an equivalence that agrees with the printed form", () => {
    fc.assert(
      fc.property(typeArb, typeArb, (a, b) => {
        expect(typeEquals(a, a)).toBe(true);
        expect(typeEquals(a, b)).toBe(typeEquals(b, a));
        expect(typeEquals(a, b)).toBe(showType(a) === showType(b));
      }),
    );
  });
});
