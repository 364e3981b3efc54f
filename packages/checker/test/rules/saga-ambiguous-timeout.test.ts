import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("saga-ambiguous-timeout", () => {
  it("fires on a remote step whose compensation does not tolerate an absent effect", () => {
    expect(fixtureFindings("saga-ambiguous-timeout", "fires")).toEqual([
      {
        severity: "warning",
        range: "9:43-9:58",
        message:
          "saga pay: step charge calls payments.charge remotely and may time out with its outcome unknown, but its compensation payments.refund is not marked `tolerates-absent`",
        related: ["9:16-9:31 this call can time out", "7:61-7:67 refund is declared here"],
        fixes: ['mark payments.refund tolerates-absent: 7:95-7:95 " tolerates-absent"'],
      },
    ]);
  });

  it("is silent for a local step and a tolerant compensation", () => {
    expect(fixtureFindings("saga-ambiguous-timeout", "clean")).toEqual([]);
  });
});
