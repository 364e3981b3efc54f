import { describe, expect, it } from "vitest";
import { toSarif } from "../../src/report/sarif.js";
import { validateSarif } from "../support/validators.js";
import { sampleContext, sampleDiagnostics } from "./sample.js";

type Obj = Record<string, unknown> & {
  runs: {
    tool: { driver: { rules: { id: string; helpUri?: string; defaultConfiguration: { level: string } }[] } };
    results: Record<string, never>[];
    originalUriBaseIds: Record<string, { uri: string }>;
  }[];
};

describe("toSarif", () => {
  const log = toSarif(sampleDiagnostics, sampleContext) as Obj;

  it("validates against the official SARIF 2.1.0 schema", () => {
    const v = validateSarif(log);
    expect(v.errors).toEqual([]);
    expect(v.ok).toBe(true);
  });

  it("the schema check is not vacuous: a broken log fails it", () => {
    const broken = structuredClone(log);
    (broken.runs[0].results[0] as Record<string, unknown>).level = "fatal";
    expect(validateSarif(broken).ok).toBe(false);
  });

  it("lists every rule with id, description, help URI and default level", () => {
    const driverRules = log.runs[0].tool.driver.rules;
    for (const m of sampleContext.metas) {
      const r = driverRules.find((x) => x.id === m.id);
      expect(r).toMatchObject({
        id: m.id,
        shortDescription: { text: m.summary },
        helpUri: m.helpUri,
        defaultConfiguration: { level: m.severity === "info" ? "note" : m.severity },
      });
    }
    expect(driverRules.find((x) => x.id === "E0301")).toMatchObject({
      shortDescription: { text: "composition type mismatch" },
    });
  });

  it("gives each result its rule id, level, message, region, related locations, fixes and code flow", () => {
    const [compile, shared, unprotected, nano, stuck] = log.runs[0].results as Record<string, unknown>[];
    expect(compile).toMatchObject({ ruleId: "E0301", level: "error" });
    expect(shared).toMatchObject({
      ruleId: "shared-store",
      level: "error",
      message: { text: "store db is written by 2 services: a and b\nhelp: give each service its own store" },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "shop.arch", uriBaseId: "ROOT" },
            region: { startLine: 5, startColumn: 7, endLine: 5, endColumn: 9 },
          },
        },
      ],
      relatedLocations: [
        { id: 1, message: { text: "written by a here" } },
        {
          id: 2,
          physicalLocation: { artifactLocation: { uri: "sub%20dir/b.arch" }, region: { startLine: 12 } },
          message: { text: "written by b here" },
        },
      ],
    });
    expect(unprotected).toMatchObject({
      level: "warning",
      fixes: [
        {
          description: { text: "add a 1s timeout" },
          artifactChanges: [
            {
              artifactLocation: { uri: "shop.arch" },
              replacements: [
                {
                  deletedRegion: { startLine: 9, startColumn: 12, charLength: 0 },
                  insertedContent: { text: " { timeout 1s }" },
                },
              ],
            },
          ],
        },
      ],
    });
    expect(nano).toMatchObject({ level: "note" });
    expect(stuck).toMatchObject({
      codeFlows: [
        {
          threadFlows: [
            {
              locations: [
                { executionOrder: 0, location: { message: { text: "init" } } },
                {
                  executionOrder: 1,
                  location: {
                    message: { text: "create times out" },
                    physicalLocation: { region: { startLine: 21 } },
                  },
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it("anchors URIs at the workspace root", () => {
    expect(log.runs[0].originalUriBaseIds.ROOT.uri).toBe("file:///work/project/");
  });

  it("is deterministic", () => {
    expect(JSON.stringify(toSarif(sampleDiagnostics, sampleContext))).toBe(JSON.stringify(log));
  });
});
