// The formatter's safety net: before its output replaces anything, it must parse cleanly, mean
// the same tree as the input (spans aside), and hold the same comments.

import type { SourceFileAst } from "../ast.js";
import { parseSource } from "../parse.js";
import { canonicalCommentText } from "./print-block.js";

/** Why `formatted` cannot stand in for the file that parsed to `original`, or undefined. */
export function formattingProblem(original: SourceFileAst, formatted: string): string | undefined {
  const reparsed = parseSource(original.path, formatted);
  const error = reparsed.diagnostics.find((d) => d.severity === "error");
  if (error) return `its output does not parse (line ${error.span.line}: ${error.message})`;
  const { comments: _a, ...before } = original;
  const { comments: _b, ...after } = reparsed.ast;
  const where = firstDifference(before, after, "file");
  if (where !== undefined) return `its output parses to a different tree (at ${where})`;
  const lost = commentDifference(original, reparsed.ast);
  if (lost !== undefined) return `its output does not keep the comment ${JSON.stringify(lost)}`;
  return undefined;
}

/** The path of the first place two trees differ, ignoring spans and absent optional fields. */
export function firstDifference(a: unknown, b: unknown, path: string): string | undefined {
  const trail = differenceTrail(a, b);
  return trail === undefined ? undefined : path + trail.reverse().join("");
}

/** The path segments (innermost first) down to the first difference; built only on failure. */
function differenceTrail(a: unknown, b: unknown): string[] | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return [];
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return [];
    for (let i = 0; i < a.length; i++) {
      const d = differenceTrail(a[i], b[i]);
      if (d !== undefined) return [...d, `[${i}]`];
    }
    return undefined;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key in ra) {
    if (key === "span") continue;
    const d = differenceTrail(ra[key], rb[key]);
    if (d !== undefined) return [...d, fieldLabel(ra, key)];
  }
  for (const key in rb) {
    if (key !== "span" && !(key in ra) && rb[key] !== undefined) return [fieldLabel(ra, key)];
  }
  return undefined;
}

function fieldLabel(node: Record<string, unknown>, key: string): string {
  return typeof node.kind === "string" ? `(${node.kind}).${key}` : `.${key}`;
}

/** A comment text present in one file and not the other (as a multiset), or undefined. */
function commentDifference(a: SourceFileAst, b: SourceFileAst): string | undefined {
  const count = new Map<string, number>();
  for (const c of a.comments) {
    const key = canonicalCommentText(c);
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  for (const c of b.comments) {
    const key = canonicalCommentText(c);
    const n = count.get(key) ?? 0;
    if (n === 0) return key;
    count.set(key, n - 1);
  }
  for (const [key, n] of count) if (n > 0) return key;
  return undefined;
}
