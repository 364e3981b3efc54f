import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("single-replica", () => {
  it("fires on one replica (declared or by default) with 99.9% or more", () => {
    expect(fixtureFindings("single-replica", "fires")).toEqual([
      {
        severity: "info",
        range: "1:9-1:17",
        message: "payments targets 99.95% availability with at most 1 replica",
        related: [],
      },
      {
        severity: "info",
        range: "2:9-2:15",
        message: "ledger targets 99.9% availability with 1 replica (no `replicas` declared)",
        related: [],
      },
    ]);
  });

  it("is silent with two replicas, or a lower target", () => {
    expect(fixtureFindings("single-replica", "clean")).toEqual([]);
  });
});
