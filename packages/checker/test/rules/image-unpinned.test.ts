import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("image-unpinned", () => {
  it("fires on untagged and latest images of services and stores", () => {
    expect(fixtureFindings("image-unpinned", "fires")).toEqual([
      {
        severity: "warning",
        range: "1:7-1:12",
        message: 'store cache: image "redis:latest" is tagged latest',
        related: [],
      },
      {
        severity: "warning",
        range: "2:9-2:15",
        message: 'service orders: image "ghcr.io/shop/orders" has no tag, so it means "latest"',
        related: [],
      },
      {
        severity: "warning",
        range: "3:9-3:12",
        message: 'service web: image "localhost:5000/web:latest" is tagged latest',
        related: [],
      },
    ]);
  });

  it("is silent on version tags and digests", () => {
    expect(fixtureFindings("image-unpinned", "clean")).toEqual([]);
  });
});
