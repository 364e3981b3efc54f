import { describe, expect, it } from "vitest";
import { fixtureFindings } from "../support/fixtures.js";

describe("rules-config", () => {
  it("reports unknown rules and options with suggestions", () => {
    expect(fixtureFindings("rules-config", "fires")).toEqual([
      {
        severity: "error",
        range: "3:3-3:23",
        message: "unknown rule `chaty-flow` (did you mean `chatty-flow`?)",
        related: [],
      },
      {
        severity: "error",
        range: "4:3-4:28",
        message: "rule chatty-flow has no option `pairmax` (did you mean `pair-max`?)",
        related: [],
      },
      {
        severity: "error",
        range: "5:3-5:39",
        message: "allow names an unknown rule `shared-stor` (did you mean `shared-store`?)",
        related: [],
      },
    ]);
  });

  it("is silent on a valid rules block", () => {
    expect(fixtureFindings("rules-config", "clean")).toEqual([]);
  });
});
