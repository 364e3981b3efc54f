import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("foreign-store-read", () => {
  it("fires on a read of another service's store, pointing at the owner", () => {
    expect(fixtureFindings("foreign-store-read", "fires")).toEqual([
      {
        severity: "warning",
        range: "3:18-3:38",
        message: "orders reads store catalog-db, which catalog owns",
        related: ["2:19-2:34 catalog owns catalog-db here"],
      },
    ]);
  });

  it("is silent when the reader asks the owner through an op", () => {
    expect(fixtureFindings("foreign-store-read", "clean")).toEqual([]);
  });
});
