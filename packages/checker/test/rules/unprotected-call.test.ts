import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("unprotected-call", () => {
  it("fires on calls with no timeout or breaker, with a fix for each form", () => {
    expect(fixtureFindings("unprotected-call", "fires")).toEqual([
      {
        severity: "warning",
        range: "3:9-3:24",
        message: "orders calls payments.charge with neither a timeout nor a circuit breaker",
        related: ["1:32-1:38 charge is declared here"],
        fixes: ['add a 1s timeout: 3:24-3:24 " { timeout 1s }"'],
      },
      {
        severity: "warning",
        range: "4:9-4:24",
        message: "orders calls payments.status with neither a timeout nor a circuit breaker",
        related: ["1:57-1:63 status is declared here"],
        fixes: ['add a 1s timeout: 4:37-4:37 " timeout 1s "'],
      },
    ]);
  });

  it("is silent when a call has a timeout or a breaker", () => {
    expect(fixtureFindings("unprotected-call", "clean")).toEqual([]);
  });
});
