import { describe, expect, it } from "vitest";
import { fixtureFindings, findingsIn } from "../support/fixtures.js";

describe("gateway-bypass", () => {
  it("fires on a public service no gateway routes to", () => {
    expect(fixtureFindings("gateway-bypass", "fires")).toEqual([
      {
        severity: "error",
        range: "3:9-3:14",
        message: "admin is public, but no gateway routes to it (gateways: edge)",
        related: ["1:9-1:13 gateway edge has no route to admin"],
      },
    ]);
  });

  it("is silent when every public service is routed", () => {
    expect(fixtureFindings("gateway-bypass", "clean")).toEqual([]);
  });

  it("says so when the system has no gateway at all", () => {
    expect(findingsIn("gateway-bypass", "service shop { public }").map((f) => f.message)).toEqual([
      "shop is public, but the system has no gateway",
    ]);
  });
});
