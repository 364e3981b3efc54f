// Sagas: steps flattened with parallel groups, sources and their types, compensation typing,
// kinds, and the shape `(compensatable | readonly)* pivot? retriable*`.

import { describe, expect, it } from "vitest";
import { compile, expectClean, onlyError } from "./helpers.js";

const SIG = `
type Order { id: uuid }
type Reservation { id: uuid }
type Payment { id: uuid }
service orders { api v1 {
  op create: Order -> Order  op reject: Order -> unit idempotent  op approve: Order -> unit
  op lookup: Order -> Order readonly  op notify: Order -> unit idempotent
} }
service inventory { api v1 { op reserve: Order -> Reservation  op release: Reservation -> unit idempotent  op commit: Reservation -> unit idempotent } }
service payments { api v1 { op charge: Order -> Payment  op refund: Payment -> unit idempotent  op cancel: Order -> unit idempotent } }
`;

describe("saga structure", () => {
  it("flattens steps in order, tags parallel groups, and assigns kinds and sources", () => {
    const { model } = expectClean(`${SIG}
saga place(Order) by orders {
  step create: orders.create compensate orders.reject
  step look: orders.lookup(create)
  parallel {
    step reserve: inventory.reserve(create) compensate inventory.release
    step charge: payments.charge(create) compensate payments.cancel(create)
  }
  step loose: orders.notify
  pivot approve: orders.approve(create)
  step commit: inventory.commit(reserve) retriable
}
`);
    const saga = model.sagas.place;
    expect(saga.by).toBe("orders");
    expect(saga.pivot).toBe("approve");
    expect(saga.input).toEqual({ kind: "ref", name: "Order" });
    expect(saga.steps.map((s) => [s.name, s.kind, s.group, s.action.op, s.action.source])).toEqual([
      ["create", "compensatable", undefined, "orders.v1.create", "input"],
      ["look", "readonly", undefined, "orders.v1.lookup", "create"],
      ["reserve", "compensatable", 0, "inventory.v1.reserve", "create"],
      ["charge", "compensatable", 0, "payments.v1.charge", "create"],
      ["loose", "uncompensated", undefined, "orders.v1.notify", "input"],
      ["approve", "pivot", undefined, "orders.v1.approve", "create"],
      ["commit", "retriable", undefined, "inventory.v1.commit", "reserve"],
    ]);
    expect(saga.steps.map((s) => s.compensation && [s.compensation.op, s.compensation.source])).toEqual([
      ["orders.v1.reject", "create"],
      undefined,
      ["inventory.v1.release", "reserve"],
      ["payments.v1.cancel", "create"],
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("does not report a non-readonly step without compensation (the checker's rule does)", () => {
    const { model } = expectClean(`${SIG}saga s(Order) { step charge: payments.charge }\n`);
    expect(model.sagas.s.steps[0].kind).toBe("uncompensated");
  });

  it("requires `by` to be a service", () => {
    expect(onlyError(`${SIG}gateway g { }\nsaga s(Order) by g { }\n`, "E0205").message).toBe(
      "`g` is a gateway, not a service",
    );
    expect(onlyError(`${SIG}saga s(Order) by ordrs { }\n`, "E0202").message).toBe(
      "unknown service `ordrs` (did you mean `orders`?)",
    );
  });

  it("reports duplicate step names", () => {
    expect(
      onlyError(`${SIG}saga s(Order) { step a: orders.lookup  step a: orders.lookup }\n`, "E0206").message,
    ).toBe("saga step `a` is declared twice");
  });
});

describe("step typing", () => {
  it("checks the op's domain against its source", () => {
    const d = onlyError(
      `${SIG}saga s(Order) {
  step reserve: inventory.reserve compensate inventory.release
  step charge: payments.charge(reserve) compensate payments.refund
}
`,
      "E0401",
    );
    expect(d.message).toBe(
      "step `charge` calls `payments.v1.charge`, which takes Order, but its source, step `reserve`, gives Reservation",
    );
  });

  it("checks steps against the saga input", () => {
    expect(
      onlyError(
        `${SIG}saga s(Payment) { step r: payments.refund  step c: payments.charge retriable }\n`,
        "E0401",
      ).message,
    ).toBe(
      "step `c` calls `payments.v1.charge`, which takes Order, but its source, the saga's input, gives Payment",
    );
  });

  it.each([
    ["orders.create(later)", "step `later` runs after `x`, so its result is not available yet"],
    ["orders.create(x)", "step `x` cannot take its own result as its input"],
    ["orders.create(creat)", "unknown step `creat` (did you mean `create`?)"],
  ])("rejects the source in %s", (call, message) => {
    const d = onlyError(
      `${SIG}saga s(Order) {\n  step create: orders.lookup\n  step x: ${call} compensate orders.reject\n  step later: orders.lookup\n}\n`,
      "E0402",
    );
    expect(d.message).toBe(message);
  });

  it("rejects a source running in the same parallel group", () => {
    const d = onlyError(
      `${SIG}saga s(Order) { parallel { step a: orders.lookup  step b: orders.lookup(a) } }\n`,
      "E0402",
    );
    expect(d.message).toBe("step `a` runs in parallel with `b`, so its result is not available");
  });

  it("types a compensation against the step's result by default, or its named source", () => {
    expectClean(`${SIG}saga s(Order) { step c: payments.charge compensate payments.refund(c) }\n`);
    expectClean(`${SIG}saga s(Order) { step c: payments.charge compensate payments.cancel(input) }\n`);
    const d = onlyError(
      `${SIG}saga s(Order) { step c: payments.charge compensate payments.cancel }\n`,
      "E0403",
    );
    expect(d.message).toBe(
      "compensation `payments.v1.cancel` takes Order, but step `c` (payments.v1.charge) returns Payment",
    );
    const named = onlyError(
      `${SIG}saga s(Order) { step r: inventory.reserve compensate inventory.release\n step c: payments.charge compensate payments.refund(r) }\n`,
      "E0403",
    );
    expect(named.message).toBe(
      "compensation `payments.v1.refund` takes Payment, but its source, step `r`, gives Reservation",
    );
  });
});

describe("saga shape", () => {
  const shape = (body: string) =>
    compile(`${SIG}saga s(Order) {\n${body}\n}\n`).diagnostics.map((d) => d.code);

  it("accepts (compensatable | readonly)* pivot? retriable*", () => {
    expect(
      shape(
        "step a: orders.create compensate orders.reject\nstep b: orders.lookup\npivot p: orders.approve\nstep r: orders.notify retriable",
      ),
    ).toEqual([]);
    expect(shape("step a: orders.create compensate orders.reject\nstep r: orders.notify retriable")).toEqual(
      [],
    );
    expect(shape("pivot p: orders.approve")).toEqual([]);
    expect(shape("")).toEqual([]);
  });

  it("rejects each way out of the shape", () => {
    expect(shape("pivot p: orders.approve\nstep b: orders.lookup")).toEqual(["E0404"]);
    expect(shape("pivot p: orders.approve\nstep u: orders.notify")).toEqual(["E0404"]);
    expect(shape("step r: orders.notify retriable\nstep a: orders.create compensate orders.reject")).toEqual([
      "E0404",
    ]);
    expect(shape("pivot p: orders.approve\npivot q: orders.approve")).toEqual(["E0405"]);
    expect(shape("step r: orders.notify retriable\npivot p: orders.approve")).toEqual(["E0406"]);
    expect(shape("pivot p: orders.create compensate orders.reject")).toEqual(["E0407"]);
    expect(shape("step a: orders.create retriable compensate orders.reject")).toEqual(["E0407"]);
    expect(shape("parallel { pivot p: orders.approve  step b: orders.lookup }")).toEqual(["E0408"]);
  });

  it("points the second pivot at the first", () => {
    const d = compile(`${SIG}saga s(Order) {\n  pivot p: orders.approve\n  pivot q: orders.approve\n}\n`)
      .diagnostics[0];
    expect(d.message).toBe("saga `s` has a second pivot `q`");
    expect(d.related).toEqual([{ span: expect.objectContaining({ line: 12 }), message: "`p` is the pivot" }]);
  });
});
