import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("saga-compensation-not-idempotent", () => {
  it("fires on a compensation that is not idempotent and declares errors", () => {
    expect(fixtureFindings("saga-compensation-not-idempotent", "fires")).toEqual([
      {
        severity: "warning",
        range: "15:43-15:58",
        message:
          "saga pay: compensation of step charge, payments.refund, is not idempotent and declares errors RefundWindowClosed",
        related: ["11:8-11:14 refund is declared here"],
      },
    ]);
  });

  it("is silent on an idempotent compensation", () => {
    expect(fixtureFindings("saga-compensation-not-idempotent", "clean")).toEqual([]);
  });
});
