// docs/language.md is the language reference; this keeps it true to the parser: every example
// parses (or gives the diagnostic it is marked with, with the message it quotes), and every
// property, kind and front-end code of the catalogues is documented.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { frontEndCodes } from "../src/codes.js";
import { parseSource } from "../src/parse.js";
import { blockProperties, knownKinds } from "../src/properties.js";
import { listDiagnostics } from "./helpers.js";

const page = readFileSync(fileURLToPath(new URL("../../../docs/language.md", import.meta.url)), "utf8");

interface Example {
  readonly line: number;
  readonly code?: string;
  readonly text: string;
  /** The message quoted (`> …`) right after the example, if any. */
  readonly quoted?: string;
}

function examples(): Example[] {
  const out: Example[] = [];
  const fence = /^```arch(?: error=(E\d{4}))?\n([\s\S]*?)^```\n(?:\n> (.*)\n)?/gm;
  for (const m of page.matchAll(fence)) {
    const q = m[3];
    const quoted = q?.startsWith("``") ? q.replace(/^``\s?|\s?``$/g, "") : q?.replace(/^`|`$/g, "");
    out.push({
      line: page.slice(0, m.index).split("\n").length,
      code: m[1],
      text: m[2],
      quoted,
    });
  }
  return out;
}

describe("docs/language.md", () => {
  const all = examples();

  it("has examples, clean and failing", () => {
    expect(all.filter((e) => e.code === undefined).length).toBeGreaterThanOrEqual(15);
    expect(all.filter((e) => e.code !== undefined).length).toBeGreaterThan(10);
  });

  for (const example of all) {
    const title = example.code
      ? `the example at line ${example.line} gives ${example.code}`
      : `the example at line ${example.line} parses cleanly`;
    it(title, () => {
      const { diagnostics } = parseSource("main.arch", example.text);
      if (example.code === undefined) {
        expect(listDiagnostics(diagnostics)).toBe("");
        return;
      }
      expect(diagnostics.map((d) => d.code)).toContain(example.code);
      if (example.quoted !== undefined)
        expect(diagnostics.filter((d) => d.code === example.code).map((d) => d.message)).toContain(
          example.quoted,
        );
    });
  }

  it("lists every property of every block in the property tables", () => {
    const rows = page.split("\n").filter((l) => l.startsWith("| "));
    for (const [ctx, table] of Object.entries(blockProperties)) {
      for (const key of Object.keys(table)) {
        const documented = rows.some((r) => r.startsWith(`| ${ctx} |`) && r.includes(`\`${key}\``));
        expect(documented, `${ctx} property ${key}`).toBe(true);
      }
    }
  });

  it("names every known kind", () => {
    for (const [what, kinds] of Object.entries(knownKinds))
      for (const kind of kinds) expect(page, `${what} ${kind}`).toContain(kind);
  });

  it("lists every front-end code", () => {
    for (const code of Object.keys(frontEndCodes)) expect(page, code).toContain(`| ${code} | `);
  });
});
