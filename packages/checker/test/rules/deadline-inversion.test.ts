import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("deadline-inversion", () => {
  it("fires when the callee may wait on its own dependency longer than the caller's timeout", () => {
    expect(fixtureFindings("deadline-inversion", "fires")).toEqual([
      {
        severity: "warning",
        range: "1:21-1:31",
        message: "web gives orders 500ms (timeout on orders.get), but orders may wait 800ms on stock.level",
        related: ["4:9-4:20 orders waits up to 800ms here"],
      },
    ]);
  });

  it("is silent when the callee's downstream deadline is shorter", () => {
    expect(fixtureFindings("deadline-inversion", "clean")).toEqual([]);
  });
});
