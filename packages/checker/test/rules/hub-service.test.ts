import { describe, expect, it } from "vitest";
import { fixtureFindings, findingsIn } from "../support/fixtures.js";

describe("hub-service", () => {
  it("fires at a synchronous fan-in of 6, naming each caller", () => {
    expect(fixtureFindings("hub-service", "fires")).toEqual([
      {
        severity: "warning",
        range: "1:9-1:13",
        message:
          "auth is called synchronously by 6 services (threshold 6): orders, payments, cart, catalog, shipping and reviews",
        related: [
          "2:24-2:35 orders calls auth here",
          "3:26-3:37 payments calls auth here",
          "4:22-4:33 cart calls auth here",
          "5:25-5:36 catalog calls auth here",
          "6:26-6:37 shipping calls auth here",
          "7:25-7:36 reviews calls auth here",
        ],
      },
    ]);
  });

  it("is silent at a fan-in of 5", () => {
    expect(fixtureFindings("hub-service", "clean")).toEqual([]);
  });

  it("counts each calling service once, whatever the number of ops it calls", () => {
    const text = `service auth { api v1 { op a: unit -> unit  op b: unit -> unit } }
service x { calls auth.a { timeout 1s }  calls auth.b { timeout 1s } }
rules { set hub-service max 2 }`;
    expect(findingsIn("hub-service", text)).toEqual([]);
  });
});
