import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

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
});
