import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("too-many-technologies", () => {
  it("fires on five distinct stacks (compared case-insensitively), listing each with its services", () => {
    expect(fixtureFindings("too-many-technologies", "fires")).toEqual([
      {
        severity: "info",
        range: "6:9-6:10",
        message:
          "5 technology stacks (max 4): go (a and e), java/spring (b), python/fastapi (c), node/express (d), rust/axum (f)",
        related: [
          "1:9-1:10 go: a and e",
          "2:9-2:10 java/spring: b",
          "3:9-3:10 python/fastapi: c",
          "4:9-4:10 node/express: d",
        ],
      },
    ]);
  });

  it("is silent on four stacks", () => {
    expect(fixtureFindings("too-many-technologies", "clean")).toEqual([]);
  });
});
