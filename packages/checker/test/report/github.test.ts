import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty, toGithub } from "../../src/report/github.js";
import { sampleDiagnostics } from "./sample.js";

describe("toGithub", () => {
  it("escapes data and properties as the workflow-command parser expects", () => {
    expect(escapeData("50% done\r\nnext")).toBe("50%25 done%0D%0Anext");
    expect(escapeProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
  });

  it("writes one command per diagnostic with file, range and title", () => {
    const lines = toGithub(sampleDiagnostics, (f) => `models/${f}`)
      .trimEnd()
      .split("\n");
    expect(lines).toHaveLength(sampleDiagnostics.length);
    expect(lines[0]).toBe(
      "::error file=models/shop.arch,line=3,col=10,endLine=3,endColumn=22,title=archc E0301::composition type mismatch: cod Reservation, dom Order",
    );
    expect(lines[1]).toBe(
      "::error file=models/shop.arch,line=5,col=7,endLine=5,endColumn=9,title=archc shared-store::store db is written by 2 services: a and b%0Amodels/shop.arch:8:3: written by a here%0Amodels/sub dir/b.arch:12:3: written by b here%0Ahelp: give each service its own store",
    );
    expect(lines[2]).toMatch(
      /^::warning file=models\/shop\.arch,line=9,.*::a calls b\.f .*: 100%25 "bad", <really>$/,
    );
    expect(lines[3]).toMatch(
      /^::notice .*::c is a nanoservice: one op \(f\), no store, no events%0Asecond line$/,
    );
  });

  it("escapes commas and colons in a file name", () => {
    const d = { ...sampleDiagnostics[0], span: { ...sampleDiagnostics[0].span, file: "a,b:c.arch" } };
    expect(toGithub([d])).toContain("file=a%2Cb%3Ac.arch,");
  });
});
