// Pages for `archc explain`: a rule's docs/rules/<id>.md, or a compiler code's explanation from
// the code catalogue. Pages are read from the repository's docs folder, found by walking up from
// this module (the same from source and from the bundled CLI).

import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { allCodes } from "@archc/compiler";
import { suggestNames } from "@archc/dsl";
import { allRuleMetas } from "../catalogue.js";

let docsRoot: string | null | undefined;

/** The repository's `docs` folder, if this module runs from a checkout or its bundle. */
export function findDocsRoot(start = path.dirname(fileURLToPath(import.meta.url))): string | undefined {
  if (docsRoot !== undefined) return docsRoot ?? undefined;
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "docs");
    if (existsSync(path.join(candidate, "rules"))) {
      docsRoot = candidate;
      return candidate;
    }
    if (path.dirname(dir) === dir) break;
  }
  docsRoot = null;
  return undefined;
}

/** The docs page of a rule (markdown), or undefined when `id` is no rule. */
export function ruleDocs(id: string): string | undefined {
  const meta = allRuleMetas().find((m) => m.id === id);
  if (meta === undefined) return undefined;
  const [file, anchor] = meta.docs.split("#");
  const root = findDocsRoot();
  const full = root === undefined ? undefined : path.join(path.dirname(root), file);
  if (full !== undefined && existsSync(full)) {
    const text = readFileSync(full, "utf8");
    return anchor === undefined ? text : (sectionOf(text, anchor) ?? text);
  }
  // Without the docs folder (an installed copy), the catalogue still says what the rule is.
  return `# ${meta.id}\n\n> ${meta.summary}\n\nDefault severity: ${meta.severity}. Source: ${meta.source}.\nFull page: ${meta.helpUri}\n`;
}

/** The markdown section whose heading names `anchor` (up to the next heading of its level). */
function sectionOf(text: string, anchor: string): string | undefined {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^#+ /.test(l) && slug(l.replace(/^#+ /, "")).includes(anchor));
  if (start < 0) return undefined;
  const level = /^#+/.exec(lines[start])![0].length;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    const m = /^(#+) /.exec(lines[i]);
    if (m && m[1].length <= level) {
      end = i;
      break;
    }
  }
  return `${lines.slice(start, end).join("\n").trimEnd()}\n`;
}

function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[`*]/g, "")
    .replace(/[^a-z0-9 -]/g, "")
    .trim()
    .replace(/\s+/g, "-");
}

export type Explanation =
  | { readonly kind: "rule" | "code"; readonly text: string }
  | { readonly kind: "unknown"; readonly suggestions: readonly string[] };

/** The page for a rule id or a diagnostic code (`E0301`, case-insensitive). */
export function explain(idOrCode: string): Explanation {
  const rule = ruleDocs(idOrCode);
  if (rule !== undefined) return { kind: "rule", text: rule };
  const code = idOrCode.toUpperCase();
  const info = allCodes[code];
  if (info !== undefined) return { kind: "code", text: `# ${code}: ${info.title}\n\n${info.explanation}\n` };
  const names = [...allRuleMetas().map((m) => m.id), ...Object.keys(allCodes)];
  return { kind: "unknown", suggestions: suggestNames(idOrCode, names, 3).slice(0, 3) };
}

/** One line per rule and per code, for `archc explain` without an argument. */
export function explainIndex(): string {
  const rules = allRuleMetas().map((m) => `  ${m.id.padEnd(34)} ${m.severity.padEnd(8)} ${m.summary}`);
  const codes = Object.entries(allCodes).map(([code, info]) => `  ${code.padEnd(34)} ${info.title}`);
  return `Rules (archc explain <rule>):\n${rules.join("\n")}\n\nDiagnostic codes (archc explain <code>):\n${codes.join("\n")}\n`;
}
