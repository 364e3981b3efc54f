// Flow typing and the stored normal form, on hand-written examples.

import { describe, expect, it } from "vitest";
import { showFlowTerm, showType } from "../src/index.js";
import { compile, expectClean, onlyError, spanText } from "./helpers.js";

const SIG = `
type Order { id: uuid }
type Reservation { id: uuid }
type Payment { id: uuid }
type Receipt { id: uuid }
service orders { api v1 { op place: Order -> Order  op get: uuid -> Order } }
service inventory { api v1 { op reserve: Order -> Reservation  op release: Reservation -> unit } }
service payments { api v1 { op charge: Order -> Payment  op receipt: Payment -> Receipt  op ping: unit -> unit } }
`;

const flow = (body: string) => compile(`${SIG}flow f${body}\n`);
const term = (body: string): string => {
  const f = flow(body).model.flows.f;
  return f.term ? showFlowTerm(f.term) : "<none>";
};

describe("flow typing", () => {
  it("infers the type of ;, & and * and stores it", () => {
    const { model } = expectClean(`${SIG}
flow a = orders.place ; inventory.reserve
flow b = inventory.reserve & payments.charge
flow c = inventory.reserve * payments.charge
flow d = id<Order> ; payments.charge
flow e = orders.get ; (inventory.reserve & (payments.charge ; payments.receipt))
`);
    const sig = (n: string) => {
      const t = model.flows[n].type;
      return t ? `${showType(t.domain)} -> ${showType(t.codomain)}` : "ill-typed";
    };
    expect(sig("a")).toBe("Order -> Reservation");
    expect(sig("b")).toBe("Order -> Reservation * Payment");
    expect(sig("c")).toBe("Order * Order -> Reservation * Payment");
    expect(sig("d")).toBe("Order -> Payment");
    expect(sig("e")).toBe("uuid -> Reservation * Receipt");
  });

  it("names both operands and both types on a `;` mismatch, spanning the two", () => {
    const text = `${SIG}flow f = orders.get ; (inventory.reserve & payments.charge) ; inventory.release\n`;
    const d = onlyError(text, "E0301");
    expect(d.message).toBe(
      "cannot compose (inventory.reserve & payments.charge) (Order -> Reservation * Payment) with inventory.release (Reservation -> unit): Reservation * Payment is not Reservation",
    );
    expect(spanText(text, d)).toBe("inventory.reserve & payments.charge) ; inventory.release");
  });

  it("reports every mismatch of a chain, not just the first", () => {
    const { diagnostics, model } = flow(" = inventory.reserve ; payments.charge ; inventory.release");
    expect(diagnostics.map((d) => d.code)).toEqual(["E0301", "E0301"]);
    expect(model.flows.f.type).toBeUndefined();
    // The term is still stored (every op resolved), for the editor and the diagram.
    expect(model.flows.f.term).toBeDefined();
  });

  it("requires one domain across a fan-out", () => {
    const d = onlyError(`${SIG}flow f = orders.get & payments.charge\n`, "E0302");
    expect(d.message).toBe(
      "cannot fan out orders.get (uuid -> Order) and payments.charge (Order -> Payment): Order is not uuid",
    );
  });

  it("checks the declared signature against the inferred one", () => {
    expectClean(`${SIG}flow f: Order -> Reservation * Payment = inventory.reserve & payments.charge\n`);
    expectClean(
      `${SIG}flow f: Order * unit -> (Reservation * unit) * Payment = inventory.reserve & payments.charge\n`,
    );
    const d = onlyError(`${SIG}flow f: Order -> Payment = orders.place ; inventory.reserve\n`, "E0303");
    expect(d.message).toBe(
      "flow `f` is declared Order -> Payment, but its body has type Order -> Reservation",
    );
  });

  it("does not cascade: an unresolved op leaves the flow untyped without further errors", () => {
    const { diagnostics, model } = flow(" = orders.place ; inventory.reserv ; payments.charge");
    expect(diagnostics.map((d) => d.code)).toEqual(["E0203"]);
    expect(model.flows.f.type).toBeUndefined();
    expect(model.flows.f.term).toBeUndefined();
    expect(model.flows.f.opRefs.map((r) => r.op)).toEqual(["orders.v1.place", "payments.v1.charge"]);
  });

  it("records every op occurrence in source order, and the driver and SLO", () => {
    const { model } = expectClean(
      `${SIG}gateway edge { }\nflow f = orders.place ; (inventory.reserve & orders.place) { by edge  slo latency 800ms  availability 99.9% }\n`,
    );
    const f = model.flows.f;
    expect(f.opRefs.map((r) => r.op)).toEqual(["orders.v1.place", "inventory.v1.reserve", "orders.v1.place"]);
    expect(f.by).toBe("edge");
    expect(f.slo).toMatchObject({ latencyMs: 800, availability: 0.999 });
  });

  it("requires `by` to be a service or a gateway", () => {
    expect(onlyError(`${SIG}store db: redis\nflow f = orders.place { by db }\n`, "E0205").message).toBe(
      "`db` is a store, not a service or gateway",
    );
  });
});

describe("normal form", () => {
  it("flattens nested chains, fan-outs and products", () => {
    expect(term(" = (orders.place ; orders.place) ; (orders.place ; inventory.reserve)")).toBe(
      "orders.v1.place ; orders.v1.place ; orders.v1.place ; inventory.v1.reserve",
    );
    expect(term(" = (inventory.reserve & payments.charge) & orders.place")).toBe(
      "inventory.v1.reserve & payments.v1.charge & orders.v1.place",
    );
    expect(term(" = inventory.reserve * (payments.charge * orders.get)")).toBe(
      "inventory.v1.reserve * payments.v1.charge * orders.v1.get",
    );
  });

  it("drops identities from chains; a lone identity stays", () => {
    expect(term(" = id<Order> ; orders.place ; id<Order> ; id<Order>")).toBe("orders.v1.place");
    expect(term(" = id<Order>")).toBe("id<Order>");
    expect(term(" = id<Order> ; id<Order>")).toBe("id<Order>");
    expect(term(" = id<Order> * id<Payment>")).toBe("id<Order * Payment>");
    expect(term(" = (id<Order> * id<Payment>) ; (payments.charge * payments.receipt)")).toBe(
      "payments.v1.charge * payments.v1.receipt",
    );
  });

  it("orients interchange towards products of chains", () => {
    expect(term(" = (orders.place * payments.charge) ; (inventory.reserve * payments.receipt)")).toBe(
      "(orders.v1.place ; inventory.v1.reserve) * (payments.v1.charge ; payments.v1.receipt)",
    );
    expect(term(" = (orders.place & payments.charge) ; (inventory.reserve * payments.receipt)")).toBe(
      "(orders.v1.place ; inventory.v1.reserve) & (payments.v1.charge ; payments.v1.receipt)",
    );
    // Blocks follow the types: the first two components feed one op.
    expect(
      term(
        " = (inventory.reserve * payments.charge * orders.place) ; (id<Reservation * Payment> * inventory.reserve)",
      ),
    ).toBe("inventory.v1.reserve * payments.v1.charge * (orders.v1.place ; inventory.v1.reserve)");
  });

  it("leaves a chain whose boundary does not split alone", () => {
    expect(term(" = (inventory.reserve * payments.charge) ; id<Reservation * Payment>")).toBe(
      "inventory.v1.reserve * payments.v1.charge",
    );
    const t = "(orders.place * orders.place) ; (inventory.reserve & inventory.reserve)";
    expect(flow(` = ${t}`).diagnostics.map((d) => d.code)).toEqual(["E0301"]);
  });
});
