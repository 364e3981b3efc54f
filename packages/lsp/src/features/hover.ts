// Hover: what a name is (an op's signature, a type's fields, a service's APIs) with its `///`
// doc, and, over a finding, the finding and the text of its rule.

import type * as A from "@archc/dsl";
import { type Hover, MarkupKind } from "vscode-languageserver";
import { declarationCode, declarationFacts, sourceReader } from "../symbols/describe.js";
import type { SymbolDecl } from "../symbols/types.js";
import { spanContains, spanToRange } from "../text/positions.js";
import { pipeline } from "../workspace/pipeline.js";
import type { Checker } from "../workspace/checker.js";
import type { Compilation } from "../workspace/project.js";
import type { ServedDiagnostic } from "../workspace/served-diagnostics.js";
import type { Located } from "./locate.js";

export function hover(checker: Checker, at: Located): Hover | null {
  const sections: string[] = [];
  let range: A.Span | undefined;

  for (const c of at.compilations) {
    const hit = c.table.symbolAt(at.file, at.offset);
    if (!hit) continue;
    sections.push(describe(c, hit.decl));
    range = hit.span;
    break;
  }

  const findings = findingsAt(checker, at);
  for (const d of findings) {
    sections.push(describeFinding(d));
    range ??= d.span;
  }
  if (sections.length === 0) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: sections.join("\n\n---\n\n") },
    ...(range ? { range: spanToRange(range) } : {}),
  };
}

function describe(c: Compilation, decl: SymbolDecl): string {
  const src = sourceReader(c.workspace.files);
  const parts = [fence(declarationCode(decl, src))];
  const facts = declarationFacts(decl, src);
  if (facts.length > 0) parts.push(facts.join("  \n"));
  if (decl.doc) parts.push(decl.doc);
  // An event's payload is what a consumer needs to see: show the record with its fields.
  if (decl.node.kind === "Event" && decl.node.payload?.kind === "NamedType") {
    const payload = c.table.topDecl(decl.node.payload.name?.text ?? "");
    if (payload && payload.kind !== "event") parts.push(fence(declarationCode(payload, src)));
  }
  parts.push(`*${kindLabel(decl)}* · ${decl.file}:${decl.nameSpan.line}`);
  return parts.join("\n\n");
}

function kindLabel(d: SymbolDecl): string {
  switch (d.kind) {
    case "record":
      return "record type";
    case "alias":
      return "type alias";
    default:
      return d.kind;
  }
}

function fence(code: string): string {
  return `\`\`\`arch\n${code}\n\`\`\``;
}

/** Findings under the cursor, from the latest check if it is of this very text (no waiting). */
function findingsAt(checker: Checker, at: Located): ServedDiagnostic[] {
  const diags = checker.latestIfCurrent()?.byFile.get(at.abs) ?? [];
  return diags.filter((d) => spanContains(d.span, at.offset));
}

function describeFinding(d: ServedDiagnostic): string {
  const head = `**${d.code}** (${d.severity}): ${d.message}`;
  const help = d.help ? `\n\nhelp: ${d.help}` : "";
  const page = pipeline.explain(d.code);
  return page ? `${head}${help}\n\n${page.trim()}` : `${head}${help}`;
}
