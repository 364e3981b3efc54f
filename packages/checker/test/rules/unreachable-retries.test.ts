import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("unreachable-retries", () => {
  it("shows the arithmetic and how many attempts can start", () => {
    expect(fixtureFindings("unreachable-retries", "fires")).toEqual([
      {
        severity: "warning",
        range: "2:24-2:35",
        message:
          "orders → stock.check: 3 attempts × 400ms per try + 300ms backoff = 1.5s, more than the 1s timeout; only 2 of 3 attempts can start",
        related: ["1:29-1:34 check is declared here"],
      },
    ]);
  });

  it("is silent when all attempts fit in the timeout", () => {
    expect(fixtureFindings("unreachable-retries", "clean")).toEqual([]);
  });
});
