import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("no-api-version", () => {
  it("fires on an unversioned api with a rename fix", () => {
    expect(fixtureFindings("no-api-version", "fires")).toEqual([
      {
        severity: "warning",
        range: "1:22-1:26",
        message: "api main of orders has no version: name it v1, v2, …",
        related: [],
        fixes: ['rename to v1: 1:22-1:26 "v1"'],
      },
    ]);
  });

  it("is silent on v1 and v2", () => {
    expect(fixtureFindings("no-api-version", "clean")).toEqual([]);
  });
});
