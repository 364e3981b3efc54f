import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("retry-amplification", () => {
  it("multiplies the gateway route's and each call's attempts along the worst path", () => {
    expect(fixtureFindings("retry-amplification", "fires")).toEqual([
      {
        severity: "warning",
        range: "5:9-5:20",
        message:
          "one request to front can become 18 attempts along edge → front → orders → stock: edge route 2 × front→orders 3 × orders→stock 3 = 18 (max 4)",
        related: ["1:16-1:55 2 attempts at the gateway", "9:9-9:20 3 attempts (retries 2)"],
      },
    ]);
  });

  it("is silent when only one layer retries", () => {
    expect(fixtureFindings("retry-amplification", "clean")).toEqual([]);
  });
});
