import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("greedy-service", () => {
  it("fires at a synchronous fan-out of 6, naming each callee", () => {
    expect(fixtureFindings("greedy-service", "fires")).toEqual([
      {
        severity: "warning",
        range: "1:9-1:12",
        message:
          "bff calls 6 services synchronously (threshold 6): catalog, cart, prices, reviews, ads and users",
        related: [
          "2:9-2:21 bff calls catalog here",
          "3:9-3:17 bff calls cart here",
          "4:9-4:21 bff calls prices here",
          "5:9-5:21 bff calls reviews here",
          "6:9-6:17 bff calls ads here",
          "7:9-7:17 bff calls users here",
        ],
      },
    ]);
  });

  it("is silent at a fan-out of 5", () => {
    expect(fixtureFindings("greedy-service", "clean")).toEqual([]);
  });
});
