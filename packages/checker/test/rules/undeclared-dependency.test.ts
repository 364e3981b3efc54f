import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("undeclared-dependency", () => {
  it("fires for a flow and a saga whose driver does not call the used service", () => {
    expect(fixtureFindings("undeclared-dependency", "fires")).toEqual([
      {
        severity: "error",
        range: "9:32-9:47",
        message:
          "flow checkout is driven by orders, which declares no `calls` to payments (uses payments.charge)",
        related: ["9:53-9:59 flow checkout is driven by orders"],
      },
      {
        severity: "error",
        range: "12:16-12:39",
        message:
          "saga pay is driven by orders, which declares no `calls` to payments (uses payments.charge and payments.refund)",
        related: ["12:51-12:66 payments.refund used here too", "10:20-10:26 saga pay is driven by orders"],
      },
    ]);
  });

  it("is silent when the driver declares the calls", () => {
    expect(fixtureFindings("undeclared-dependency", "clean")).toEqual([]);
  });
});
