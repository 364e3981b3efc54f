import { describe, expect, it } from "vitest";
import { escapeXml, toJunit } from "../../src/report/junit.js";
import { sampleContext, sampleDiagnostics } from "./sample.js";

const cases = (xml: string) => [...xml.matchAll(/<testcase name="([^"]+)"[^>]*>([\s\S]*?)<\/testcase>/g)];

describe("toJunit", () => {
  const xml = toJunit(sampleDiagnostics, sampleContext);

  it("has one suite with one case per rule and one for the compiler", () => {
    expect(xml.match(/<testsuite /g)).toHaveLength(1);
    const names = cases(xml).map((m) => m[1]);
    expect(names).toEqual(["compile", ...sampleContext.metas.map((m) => m.id)]);
    expect(xml).toContain(`tests="${names.length}"`);
  });

  it("fails the cases with findings at or above fail-on, carrying the findings", () => {
    const byName = new Map(cases(xml).map((m) => [m[1], m[2]]));
    expect(byName.get("shared-store")).toContain('<failure message="1 finding" type="error">');
    expect(byName.get("shared-store")).toContain(
      "error shop.arch:5:7: store db is written by 2 services: a and b",
    );
    expect(byName.get("shared-store")).toContain("shop.arch:8:3: written by a here");
    expect(byName.get("compile")).toContain("<failure");
    // Warnings and infos are below fail-on error: listed, not failed.
    expect(byName.get("unprotected-call")).not.toContain("<failure");
    expect(byName.get("unprotected-call")).toContain("&quot;bad&quot;, &lt;really&gt;");
    expect(byName.get("sync-cycle")).toBe("");
    expect(xml).toMatch(/<testsuite [^>]*failures="2"/);
  });

  it("fails warnings too with fail-on warning, and marks rules that did not run as skipped", () => {
    const strict = toJunit(sampleDiagnostics, {
      ...sampleContext,
      failOn: "warning",
      ran: ["unprotected-call"],
    });
    const byName = new Map(cases(strict).map((m) => [m[1], m[2]]));
    expect(byName.get("unprotected-call")).toContain("<failure");
    expect(byName.get("sync-cycle")).toContain("<skipped");
  });

  it("escapes XML and replaces characters XML cannot hold", () => {
    expect(escapeXml(`a<b>&"c'\u0001`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;\uFFFD");
  });
});
