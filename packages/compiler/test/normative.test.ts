// LANGUAGE.md §5: each normative example must check exactly as its first comment says. The
// first three are compiler errors; the last two compile clean (their findings are checker rules).

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compile } from "./helpers.js";

const fixture = (n: number): string =>
  readFileSync(
    fileURLToPath(new URL(`../../dsl/test/fixtures/spec/normative-${n}.arch`, import.meta.url)),
    "utf8",
  );

describe("LANGUAGE.md §5 normative examples", () => {
  it("1: one composition error on the flow line, naming both ops and both types", () => {
    const text = fixture(1);
    const { diagnostics } = compile(text);
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d.severity).toBe("error");
    expect(d.code).toBe("E0301");
    expect(d.span.line).toBe(text.split("\n").findIndex((l) => l.startsWith("flow bad")) + 1);
    expect(d.message).toBe(
      "cannot compose inventory.reserve (Order -> Reservation) with payments.charge (Order -> Payment): Reservation is not Order",
    );
  });

  it("2: one compensation domain error naming Payment and Reservation", () => {
    const { diagnostics } = compile(fixture(2));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].code).toBe("E0403");
    expect(diagnostics[0].severity).toBe("error");
    expect(diagnostics[0].message).toContain("Payment");
    expect(diagnostics[0].message).toContain("Reservation");
    expect(diagnostics[0].span.line).toBe(7);
  });

  it("3: one error for the compensatable step after the pivot", () => {
    const { diagnostics, model } = compile(fixture(3));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].code).toBe("E0404");
    expect(diagnostics[0].message).toContain("`charge` is compensatable but comes after the pivot `ship`");
    expect(model.sagas.s2.pivot).toBe("ship");
    expect(model.sagas.s2.steps.map((s) => s.kind)).toEqual(["pivot", "compensatable"]);
  });

  it("4: compiles clean; both services use the store (shared-store is the checker's)", () => {
    const { diagnostics, model } = compile(fixture(4));
    expect(diagnostics).toEqual([]);
    expect(model.index.storeUsers.db).toEqual([
      { service: "a", mode: "readwrite" },
      { service: "b", mode: "readwrite" },
    ]);
  });

  it("5: compiles clean; the call graph holds the cycle (sync-cycle is the checker's)", () => {
    const { diagnostics, model } = compile(fixture(5));
    expect(diagnostics).toEqual([]);
    expect(model.index.callees).toEqual({ a: ["b"], b: ["a"] });
    expect(model.index.opCallers).toEqual({ "a.v1.f": ["b"], "b.v1.g": ["a"] });
  });
});
