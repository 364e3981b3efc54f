import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("sync-cycle", () => {
  it("reports one shortest cycle in call order and names every member of the component", () => {
    expect(fixtureFindings("sync-cycle", "fires")).toEqual([
      {
        severity: "error",
        range: "3:9-3:12",
        message: "synchronous call cycle: a → b → a; the cycle also takes in c",
        related: ["7:9-7:12 b calls a here", "12:9-12:12 c calls a here (same cycle)"],
      },
    ]);
  });

  it("is silent on an acyclic call graph", () => {
    expect(fixtureFindings("sync-cycle", "clean")).toEqual([]);
  });
});
