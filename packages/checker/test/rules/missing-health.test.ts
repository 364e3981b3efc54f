import { describe, expect, it } from "vitest";
import { fixtureFindings, findingsIn } from "../support/fixtures.js";

describe("missing-health", () => {
  it("fires on an imaged service with neither health nor ready", () => {
    expect(fixtureFindings("missing-health", "fires")).toEqual([
      {
        severity: "warning",
        range: "2:9-2:17",
        message: "payments declares neither `health` nor `ready`: nothing can tell when it is up or hung",
        related: [],
      },
    ]);
  });

  it("is silent with either endpoint, and on a service that is not deployed", () => {
    expect(fixtureFindings("missing-health", "clean")).toEqual([]);
  });

  it("counts every service as deployable once the model has a deploy block", () => {
    expect(
      findingsIn("missing-health", "service worker { }\ndeploy prod { target compose }").map(
        (f) => f.message,
      ),
    ).toEqual(["worker declares neither `health` nor `ready`: nothing can tell when it is up or hung"]);
  });
});
