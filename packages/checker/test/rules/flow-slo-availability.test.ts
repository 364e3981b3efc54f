import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("flow-slo-availability", () => {
  it("multiplies availabilities and compares with the SLO", () => {
    expect(fixtureFindings("flow-slo-availability", "fires")).toEqual([
      {
        severity: "warning",
        range: "5:50-5:72",
        message:
          "flow checkout: availability is at most 99.8001% (orders 99.9% × payments 99.9%), below its SLO of 99.9%",
        related: ["3:9-3:15 orders: availability 99.9%", "4:9-4:17 payments: availability 99.9%"],
      },
    ]);
  });

  it("is silent when the product meets the SLO", () => {
    expect(fixtureFindings("flow-slo-availability", "clean")).toEqual([]);
  });
});
