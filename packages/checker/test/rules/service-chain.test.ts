import { describe, expect, it } from "vitest";
import { fixtureFindings, findingsIn } from "../support/fixtures.js";

describe("service-chain", () => {
  it("fires on a 5-hop chain, naming the whole path from its head", () => {
    expect(fixtureFindings("service-chain", "fires")).toEqual([
      {
        severity: "warning",
        range: "1:21-1:36",
        message:
          "synchronous call chain of 5 hops (max 4): web → gateway-api → orders → stock → warehouse → supplier",
        related: [
          "2:62-2:72 gateway-api calls orders here",
          "3:57-3:66 orders calls stock here",
          "4:56-4:69 stock calls warehouse here",
          "5:60-5:72 warehouse calls supplier here",
        ],
      },
    ]);
  });

  it("is silent on a 4-hop chain", () => {
    expect(fixtureFindings("service-chain", "clean")).toEqual([]);
  });

  it("measures chains on the edges outside a cycle (sync-cycle reports the cycle)", () => {
    const text = `service a { api v1 { op f: unit -> unit }  calls b.f { timeout 1s } }
service b { api v1 { op f: unit -> unit }  calls a.f { timeout 1s }  calls c.f { timeout 1s } }
service c { api v1 { op f: unit -> unit }  calls d.f { timeout 1s } }
service d { api v1 { op f: unit -> unit } }`;
    expect(
      findingsIn("service-chain", `${text}\nrules { set service-chain max 1 }`).map((f) => f.message),
    ).toEqual(["synchronous call chain of 2 hops (max 1): b → c → d"]);
  });
});
