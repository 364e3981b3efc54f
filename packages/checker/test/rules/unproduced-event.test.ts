import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("unproduced-event", () => {
  it("fires on an event consumed by two services and published by none", () => {
    expect(fixtureFindings("unproduced-event", "fires")).toEqual([
      {
        severity: "error",
        range: "5:3-5:31",
        message: "event OrderPlaced is consumed by shipping and emails, but no service publishes it",
        related: ["9:3-9:34 emails consumes it here too", "2:7-2:18 OrderPlaced is declared here"],
      },
    ]);
  });

  it("is silent when someone publishes it", () => {
    expect(fixtureFindings("unproduced-event", "clean")).toEqual([]);
  });
});
