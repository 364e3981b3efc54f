import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("hardcoded-endpoint", () => {
  it("fires on a URL to a known service and on an IP address", () => {
    expect(fixtureFindings("hardcoded-endpoint", "fires")).toEqual([
      {
        severity: "warning",
        range: "4:5-4:49",
        message:
          'env PAYMENTS_URL of orders hard-codes a URL "http://payments:8080/charge" (the address of service payments)',
        related: ["1:9-1:17 service payments is declared here"],
      },
      {
        severity: "warning",
        range: "5:5-5:28",
        message: 'env CACHE_HOST of orders hard-codes an IP address "10.0.3.7"',
        related: [],
      },
    ]);
  });

  it("ignores bind addresses, log levels and external documentation URLs", () => {
    expect(fixtureFindings("hardcoded-endpoint", "clean")).toEqual([]);
  });
});
