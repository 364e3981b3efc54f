import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("service-chain", () => {
  it("fires on a 5-hop chain, naming the whole path from its head", () => {
    expect(fixtureFindings("service-chain", "fires")).toEqual([
      {
        severity: "warning",
        range: "1:21-1:36",
        message:
          "synchronous call chain of 5 hops (max 4): web → gateway-api → orders → stock → warehouse → supplier",
        related: [
          "2:62-2:72 gateway-api calls orders here",
          "3:57-3:66 orders calls stock here",
          "4:56-4:69 stock calls warehouse here",
          "5:60-5:72 warehouse calls supplier here",
        ],
      },
    ]);
  });

  it("is silent on a 4-hop chain", () => {
    expect(fixtureFindings("service-chain", "clean")).toEqual([]);
  });
});
