// Small shared helpers for the front-end tests: parse a text or a fixture, list what parsed.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Decl, SourceFileAst } from "../src/ast.js";
import type { Diagnostic } from "../src/diagnostic.js";
import { parseSource } from "../src/parse.js";

export const fixturesDir = fileURLToPath(new URL("./fixtures/", import.meta.url));

export function readFixture(relative: string): string {
  return readFileSync(`${fixturesDir}${relative}`, "utf8");
}

export function parse(
  text: string,
  file = "test.arch",
): { ast: SourceFileAst; diagnostics: readonly Diagnostic[] } {
  return parseSource(file, text);
}

/** `Kind:name` for every declaration, in source order (`Rules` has no name). */
export function declSummary(ast: SourceFileAst): string[] {
  return ast.decls.map((d) => `${d.kind}:${"name" in d ? (d.name?.text ?? "?") : ""}`);
}

export function findDecl<K extends Decl["kind"]>(
  ast: SourceFileAst,
  kind: K,
  name: string,
): Extract<Decl, { kind: K }> {
  const found = ast.decls.find((d) => d.kind === kind && "name" in d && d.name?.text === name);
  if (!found) throw new Error(`no ${kind} named ${name} in ${declSummary(ast).join(" ")}`);
  return found as Extract<Decl, { kind: K }>;
}

/** One line per diagnostic, for readable assertion failures. */
export function listDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.col} ${d.message}`).join("\n");
}
