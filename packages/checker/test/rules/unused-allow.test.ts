import { describe, expect, it } from "vitest";
import { fixtureFindings, findingsIn } from "../support/fixtures.js";

describe("unused-allow", () => {
  it("reports an allow and a comment that silence nothing", () => {
    expect(fixtureFindings("unused-allow", "fires")).toEqual([
      {
        severity: "warning",
        range: "4:3-4:87",
        message:
          "allow shared-store on orders-db silences nothing: no shared-store finding involves orders-db",
        related: [],
      },
      {
        severity: "warning",
        range: "6:1-6:51",
        message: "archc-allow nano-service silences nothing: no nano-service finding starts on line 7",
        related: [],
      },
    ]);
  });

  it("is silent when the allow silences a finding", () => {
    expect(fixtureFindings("unused-allow", "clean")).toEqual([]);
  });

  it("an allow may name any element of a finding, not only the primary one", () => {
    const text = `service a { api v1 { op f: unit -> unit }  calls b.f { timeout 1s } }
service b { api v1 { op f: unit -> unit }  calls a.f { timeout 1s } }
rules { allow sync-cycle on b "being split up" }`;
    expect(findingsIn("unused-allow", text)).toEqual([]);
    expect(findingsIn("sync-cycle", text)).toEqual([]);
  });
});
