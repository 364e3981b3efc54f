import { describe, expect, it } from "vitest";
import { fixtureFindings, findingsIn } from "../support/fixtures.js";

describe("chatty-flow", () => {
  it("fires on too many remote calls and on too many calls to one service", () => {
    expect(fixtureFindings("chatty-flow", "fires")).toEqual([
      {
        severity: "warning",
        range: "13:6-13:18",
        message:
          "flow product-page makes 6 remote calls (max 5): catalog.get, catalog.price, catalog.stock, reviews.list, users.me, ads.pick",
        related: [
          "13:21-13:32 call 1",
          "13:35-13:48 call 2",
          "13:51-13:64 call 3",
          "13:67-13:79 call 4",
          "13:82-13:90 call 5",
          "13:93-13:101 call 6",
        ],
      },
      {
        severity: "warning",
        range: "13:51-13:64",
        message:
          "flow product-page: web calls catalog 3 times (max 2): catalog.get, catalog.price, catalog.stock",
        related: ["13:21-13:32 call to catalog", "13:35-13:48 call to catalog"],
      },
    ]);
  });

  it("is silent on five calls with at most two per service", () => {
    expect(fixtureFindings("chatty-flow", "clean")).toEqual([]);
  });

  it("takes its thresholds from the rules block", () => {
    const text = `service web { calls a.f { timeout 1s }  calls a.g { timeout 1s } }
service a { api v1 { op f: unit -> unit  op g: unit -> unit } }
flow pair = a.f ; a.g { by web }
rules { set chatty-flow pair-max 1 }`;
    expect(findingsIn("chatty-flow", text).map((f) => f.message)).toEqual([
      "flow pair: web calls a 2 times (max 1): a.f, a.g",
    ]);
  });
});
