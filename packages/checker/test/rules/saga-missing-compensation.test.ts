import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("saga-missing-compensation", () => {
  it("fires on a state-changing step before the pivot without compensation", () => {
    expect(fixtureFindings("saga-missing-compensation", "fires")).toEqual([
      {
        severity: "error",
        range: "14:8-14:15",
        message: "saga place: step reserve (inventory.reserve) changes state but has no compensation",
        related: ["9:33-9:40 reserve is neither readonly nor compensated"],
      },
    ]);
  });

  it("is silent when readonly steps skip compensation and the others have one", () => {
    expect(fixtureFindings("saga-missing-compensation", "clean")).toEqual([]);
  });
});

describe("saga-missing-compensation on a broken model", () => {
  it("leaves a step whose op did not resolve to the compiler's error", async () => {
    const { compileText } = await import("@archc/compiler");
    const { checkModel } = await import("../../src/index.js");
    const compilation = compileText(
      "type Order { id: uuid }\nservice orders { api v1 { op create: Order -> Order } }\nsaga s(Order) by orders { step a: orders.crate }\n",
    );
    const codes = checkModel(compilation).diagnostics.map((d) => d.code);
    expect(codes).toContain("E0203");
    expect(codes).not.toContain("saga-missing-compensation");
  });
});
