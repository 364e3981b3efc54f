// docs/rules/<id>.md is part of each rule: its examples are the rule's fixtures and its
// "reports" block is what the checker says on them today, so the pages cannot drift.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { compileText } from "@archc/compiler";
import { describe, expect, it } from "vitest";
import { engineMetas } from "../../src/engine/meta-rules.js";
import { rules } from "../../src/rules/index.js";
import { checkModel } from "../../src/check.js";
import { explain, ruleDocs } from "../../src/docs/explain.js";
import { fixtureText } from "../support/fixtures.js";

const docsDir = new URL("../../../../docs/rules/", import.meta.url);
const page = (id: string) => readFileSync(new URL(`${id}.md`, docsDir), "utf8");

/** The fenced block right after the heading `## <title>` (the first one of `lang`). */
function block(text: string, title: string, lang: string): string {
  const at = text.indexOf(`## ${title}\n`);
  if (at < 0) throw new Error(`no section ${title}`);
  const rest = text.slice(at);
  const open = rest.indexOf(`\`\`\`${lang}\n`);
  const close = rest.indexOf("\n```", open + 1);
  return rest.slice(open + lang.length + 4, close);
}

// The model checker's rules are documented in docs/model-checking.md by their engineer.
const metas = [...rules.map((r) => r.meta), ...engineMetas];

describe("rule pages", () => {
  it("every rule has a page and every page a rule", () => {
    for (const m of metas) expect(existsSync(new URL(`${m.id}.md`, docsDir)), m.id).toBe(true);
    const pages = readdirSync(docsDir)
      .filter((f) => f.endsWith(".md"))
      .map((f) => f.slice(0, -3));
    expect(pages.sort()).toEqual(metas.map((m) => m.id).sort());
  });

  it.each(metas.map((m) => [m.id, m] as const))(
    "%s: the page matches the rule, its fixtures and findings",
    (id, m) => {
      const text = page(id);
      expect(text.startsWith(`# ${id}\n\n> ${m.summary}\n`)).toBe(true);
      expect(text).toContain(`| Default severity | ${m.severity} |`);
      for (const o of m.options) expect(text).toContain(`\`${o.name}\` (default ${o.default})`);
      for (const section of ["What it finds", "Why it matters", "How to fix it", "Source"])
        expect(text).toContain(`## ${section}\n`);
      expect(block(text, "Example that fires", "arch")).toBe(fixtureText(id, "fires").trimEnd());
      expect(block(text, "Example that does not fire", "arch")).toBe(fixtureText(id, "clean").trimEnd());
      const c = compileText(fixtureText(id, "fires"), "fires.arch");
      // topic-key-missing is reported by the compiler (E0502) for compiled files; see its page.
      const found = checkModel(id === "topic-key-missing" ? c.model : c).diagnostics.filter(
        (d) => d.code === id,
      );
      const reported = found.map(
        (d) => `${d.severity}[${d.code}] fires.arch:${d.span.line}:${d.span.col}: ${d.message}`,
      );
      expect(block(text, "Example that fires", "text")).toBe(reported.join("\n"));
      expect(text).toContain(m.source);
    },
  );
});

describe("explain", () => {
  it("gives a rule's page, a code's explanation, or suggestions", () => {
    expect(ruleDocs("sync-cycle")).toBe(page("sync-cycle"));
    expect(explain("sync-cycle")).toEqual({ kind: "rule", text: page("sync-cycle") });
    const code = explain("e0202");
    expect(code.kind).toBe("code");
    expect(code.kind === "code" && code.text.startsWith("# E0202: unknown name\n\n")).toBe(true);
    expect(explain("sync-cycel")).toEqual({ kind: "unknown", suggestions: ["sync-cycle"] });
  });
});
