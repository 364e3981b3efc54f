import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("orphan-event", () => {
  it("fires on an event nobody consumes", () => {
    expect(fixtureFindings("orphan-event", "fires")).toEqual([
      {
        severity: "warning",
        range: "3:18-3:39",
        message: "event OrderPlaced is published by orders, but no service consumes it",
        related: ["2:7-2:18 OrderPlaced is declared here"],
      },
    ]);
  });

  it("is silent when the event is consumed", () => {
    expect(fixtureFindings("orphan-event", "clean")).toEqual([]);
  });
});
