// `formatSource`: one .arch file's text in the canonical style, comments kept. A file with
// syntax errors is returned unchanged with its diagnostics, and so is any file whose formatted
// text fails the safety net in verify.ts: the formatter never loses work.

import type { SourceFileAst } from "../ast.js";
import type { Diagnostic } from "../diagnostic.js";
import { parseSource } from "../parse.js";
import { fileStartSpan } from "../span.js";
import { placeComments } from "./comments.js";
import { printFileDoc } from "./print-ast.js";
import { printDoc } from "./print-doc.js";
import { formattingProblem } from "./verify.js";

export interface FormatResult {
  /** The formatted text, or the original text when it could not be formatted safely. */
  readonly text: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Whether `text` differs from the input. */
  readonly changed: boolean;
}

export function formatSource(file: string, text: string): FormatResult {
  const parsed = parseSource(file, text);
  if (parsed.diagnostics.some((d) => d.severity === "error"))
    return { text, diagnostics: parsed.diagnostics, changed: false };
  let formatted: string;
  let problem: string | undefined;
  try {
    formatted = formatAst(parsed.ast, text);
    problem = formattingProblem(parsed.ast, formatted);
  } catch (err) {
    formatted = text;
    problem = `it failed: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (problem !== undefined)
    return { text, diagnostics: [...parsed.diagnostics, selfCheckFailed(file, problem)], changed: false };
  return { text: formatted, diagnostics: parsed.diagnostics, changed: formatted !== text };
}

/**
 * Prints a syntax tree in the canonical style, re-attaching `ast.comments` by position; `text`
 * is the source it was parsed from, when there is one.
 */
export function formatAst(ast: SourceFileAst, text?: string): string {
  return printDoc(printFileDoc(ast, placeComments(ast, text)));
}

function selfCheckFailed(file: string, problem: string): Diagnostic {
  return {
    code: "E0190",
    severity: "error",
    message: `the formatter left this file unchanged: ${problem}`,
    span: fileStartSpan(file),
    related: [],
    help: "this is a bug in archc fmt; please report it with the file",
  };
}
