import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("shared-store", () => {
  it("fires on a store two services write, naming every user with its range", () => {
    expect(fixtureFindings("shared-store", "fires")).toEqual([
      {
        severity: "error",
        range: "1:7-1:16",
        message: "store orders-db is written by 2 services: orders and billing and read by reports",
        related: [
          "2:18-2:32 written by orders here",
          "3:19-3:33 written by billing here",
          "4:19-4:38 read by reports here",
        ],
      },
    ]);
  });

  it("is silent when each service writes only its own store", () => {
    expect(fixtureFindings("shared-store", "clean")).toEqual([]);
  });
});
