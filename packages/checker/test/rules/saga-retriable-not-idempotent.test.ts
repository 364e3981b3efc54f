import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("saga-retriable-not-idempotent", () => {
  it("fires on a retriable step whose op is not idempotent and declares errors", () => {
    expect(fixtureFindings("saga-retriable-not-idempotent", "fires")).toEqual([
      {
        severity: "warning",
        range: "11:8-11:12",
        message:
          "saga fulfil: retriable step ship calls shipping.schedule, which is not idempotent and declares errors NoCourier",
        related: ["8:32-8:40 schedule is declared here"],
      },
    ]);
  });

  it("is silent on an idempotent retriable step", () => {
    expect(fixtureFindings("saga-retriable-not-idempotent", "clean")).toEqual([]);
  });
});
