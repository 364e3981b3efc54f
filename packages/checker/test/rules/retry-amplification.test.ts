import { describe, expect, it } from "vitest";
import { fixtureFindings, findingsIn } from "../support/fixtures.js";

describe("retry-amplification", () => {
  it("multiplies the gateway route's and each call's attempts along the worst path", () => {
    expect(fixtureFindings("retry-amplification", "fires")).toEqual([
      {
        severity: "warning",
        range: "5:9-5:20",
        message:
          "one request to front can become 18 attempts along edge → front → orders → stock: edge route 2 × front→orders 3 × orders→stock 3 = 18 (max 4)",
        related: ["1:16-1:55 2 attempts at the gateway", "9:9-9:20 3 attempts (retries 2)"],
      },
    ]);
  });

  it("is silent when only one layer retries", () => {
    expect(fixtureFindings("retry-amplification", "clean")).toEqual([]);
  });

  it("starts at services nobody calls, and counts only the attempts the timeout lets start", () => {
    const text = `service batch { calls a.f { timeout 1s  per-try 400ms  retries 5 } }
service a { api v1 { op f: unit -> unit readonly }  calls b.g { timeout 1s  retries 1 } }
service b { api v1 { op g: unit -> unit readonly } }`;
    expect(findingsIn("retry-amplification", text)).toEqual([
      {
        severity: "warning",
        range: "1:23-1:26",
        message:
          "one request to batch can become 6 attempts along batch → a → b: batch→a 3 × a→b 2 = 6 (max 4)",
        related: ["2:59-2:62 2 attempts (retries 1)"],
      },
    ]);
    expect(findingsIn("retry-amplification", `${text}\nrules { set retry-amplification max 6 }`)).toEqual([]);
  });

  it("under `max 0`, reports every entry service, one without retries on its own name", () => {
    const text = `service a { api v1 { op f: unit -> unit readonly } }
rules { set retry-amplification max 0 }`;
    expect(findingsIn("retry-amplification", text)).toEqual([
      {
        severity: "warning",
        range: "1:9-1:10",
        message: "one request to a can become 1 attempt along a: 1 (max 0)",
        related: [],
      },
    ]);
  });
});
