import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("nano-service", () => {
  it("fires on a one-op service with no store and no events", () => {
    expect(fixtureFindings("nano-service", "fires")).toEqual([
      {
        severity: "info",
        range: "1:9-1:16",
        message: "slugify is a nanoservice: one op (slug), no store, no events",
        related: ["1:31-1:35 its only op"],
      },
    ]);
  });

  it("is silent on a one-op service that owns a store", () => {
    expect(fixtureFindings("nano-service", "clean")).toEqual([]);
  });
});
