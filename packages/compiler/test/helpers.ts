// Shared test helpers: compile snippets and look at what came out.

import type { Diagnostic } from "@archc/dsl";
import { expect } from "vitest";
import { type Compilation, compileText, ModelSchema } from "../src/index.js";

export function compile(text: string): Compilation {
  const c = compileText(text);
  // Every compilation, however broken, yields a Model that satisfies the schema.
  const parsed = ModelSchema.safeParse(c.model);
  if (!parsed.success) throw new Error(`model does not satisfy ModelSchema: ${parsed.error.message}`);
  return c;
}

export function codesOf(text: string): string[] {
  return compile(text).diagnostics.map((d) => d.code);
}

/** The only diagnostic of `text`, which must have `code`. */
export function onlyError(text: string, code: string): Diagnostic {
  const { diagnostics } = compile(text);
  expect(diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
    expect.stringMatching(new RegExp(`^${code} `)),
  ]);
  return diagnostics[0];
}

export function expectClean(text: string): Compilation {
  const c = compile(text);
  expect(c.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.col} ${d.message}`)).toEqual([]);
  return c;
}

/** The text a span covers. */
export function spanText(text: string, d: Diagnostic): string {
  return text.slice(d.span.start, d.span.end);
}
