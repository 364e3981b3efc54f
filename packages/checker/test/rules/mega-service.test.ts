import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("mega-service", () => {
  it("fires on 21 ops across two API versions", () => {
    expect(fixtureFindings("mega-service", "fires")).toEqual([
      {
        severity: "warning",
        range: "1:9-1:19",
        message: "everything has 21 ops (max 20): v1 16, v2 5",
        related: ["2:7-2:9 api v1: 16 ops", "8:7-8:9 api v2: 5 ops"],
      },
    ]);
  });

  it("is silent at exactly 20 ops", () => {
    expect(fixtureFindings("mega-service", "clean")).toEqual([]);
  });
});
