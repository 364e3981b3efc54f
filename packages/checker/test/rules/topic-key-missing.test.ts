import { compileText } from "@archc/compiler";
import { describe, expect, it } from "vitest";
import { checkModel } from "../../src/check.js";
import { fixtureFindings, fixtureText, range, summarise } from "../support/fixtures.js";

const compileFixture = (kind: "fires" | "clean") =>
  compileText(fixtureText("topic-key-missing", kind), `topic-key-missing/${kind}.arch`);

describe("topic-key-missing", () => {
  it("fires on each event whose payload lacks the topic's key, pointing at the key", () => {
    // The bare model, as a tool that builds Models without the compiler would pass it.
    const { model } = compileFixture("fires");
    const found = checkModel(model).diagnostics.filter((d) => d.code === "topic-key-missing");
    expect(found.map(summarise)).toEqual([
      {
        severity: "error",
        range: "6:7-6:19",
        message:
          "topic orders is keyed by customer, but the payload Refund of event RefundIssued has no field customer",
        related: ["4:27-4:35 key customer declared here"],
      },
    ]);
  });

  it("defers to the compiler's E0502 for the same event, so a compilation reports it once", () => {
    const c = compileFixture("fires");
    const e0502 = c.diagnostics.filter((d) => d.code === "E0502");
    expect(e0502.map((d) => range(d.span))).toEqual(["4:27-4:35"]);
    const codes = checkModel(c).diagnostics.map((d) => d.code);
    expect(codes.filter((c) => c === "E0502" || c === "topic-key-missing")).toEqual(["E0502"]);
  });

  it("is silent when every payload has the key", () => {
    expect(fixtureFindings("topic-key-missing", "clean")).toEqual([]);
  });
});
