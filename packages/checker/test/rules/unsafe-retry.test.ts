import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("unsafe-retry", () => {
  it("fires on retries of a non-idempotent op, offering to mark it idempotent", () => {
    expect(fixtureFindings("unsafe-retry", "fires")).toEqual([
      {
        severity: "warning",
        range: "2:24-2:39",
        message:
          "orders retries payments.charge up to 2 times, but payments.charge is neither idempotent nor readonly",
        related: ["1:32-1:38 charge is declared here without `idempotent`"],
        fixes: ['mark payments.charge idempotent: 1:52-1:52 " idempotent"'],
      },
    ]);
  });

  it("is silent on retries of idempotent and readonly ops", () => {
    expect(fixtureFindings("unsafe-retry", "clean")).toEqual([]);
  });
});
