import { describe, expect, it } from "vitest";
import { fixtureFindings, findingsIn } from "../support/fixtures.js";

describe("event-cycle", () => {
  it("names the events on each edge of the loop", () => {
    expect(fixtureFindings("event-cycle", "fires")).toEqual([
      {
        severity: "info",
        range: "6:3-6:24",
        message: "event loop: orders —OrderPlaced→ stock —StockReserved→ orders; confirm it terminates",
        related: ["12:3-12:26 stock publishes StockReserved, consumed by orders"],
      },
    ]);
  });

  it("is silent on a linear choreography", () => {
    expect(fixtureFindings("event-cycle", "clean")).toEqual([]);
  });

  it("reports a service that consumes its own event", () => {
    const text = `type T { id: uuid }
event Tick: T
service clock { api v1 { op tick: T -> unit idempotent }  publishes Tick  consumes Tick -> tick }`;
    expect(findingsIn("event-cycle", text).map((f) => f.message)).toEqual([
      "event loop: clock —Tick→ clock; confirm it terminates",
    ]);
  });
});
