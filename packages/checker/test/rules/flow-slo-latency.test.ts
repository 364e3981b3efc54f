import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("flow-slo-latency", () => {
  it("adds the worst cases of sequential calls and compares with the SLO", () => {
    expect(fixtureFindings("flow-slo-latency", "fires")).toEqual([
      {
        severity: "warning",
        range: "11:3-11:20",
        message:
          "flow checkout: worst-case latency is 2.5s (orders.place 500ms + payments.charge 2s), over its SLO of 800ms",
        related: [
          "9:17-9:29 500ms: worst case of the call policy of web",
          "9:32-9:47 2s: worst case of the call policy of web",
        ],
      },
    ]);
  });

  it("is silent when the worst case fits the SLO", () => {
    expect(fixtureFindings("flow-slo-latency", "clean")).toEqual([]);
  });
});
