// Re-parsing a file after an edit, as an editor types: the declarations before the edited one
// are kept — the same objects, which the incremental compiler and the rule memo reuse by
// identity — and the text from there on is parsed again. Parsing resumes where the declaration
// before the edited one ends: there the scanner's state (nesting depth 0, no doc comment
// pending) is known from the previous tree, and the text before is unchanged, so what follows
// parses exactly as in a full parse.
//
// (Copying the declarations after the edit with their spans moved, instead of parsing them
// again, was measured slower: the fast parser allocates the same nodes and reads text quicker
// than a generic copy walks them.)
//
// It applies when the previous text parsed without any diagnostic, the edit starts inside a
// top-level declaration after its first character (the declaration before it may have looked
// at that first token to decide where it ends), and the fast parser reads the rest cleanly.
// Otherwise it returns undefined and the caller parses the whole file. The differential tests
// (test/reparse-edit.test.ts) hold it to the full parse.

import type * as A from "../ast.js";
import { BAIL } from "./bail.js";
import { DescentParser } from "./descent-parser.js";
import { Scanner } from "./scanner.js";

/** A file's previous text and the tree it parsed to, without diagnostics. */
export interface ParsedBefore {
  readonly file: string;
  readonly text: string;
  readonly ast: A.SourceFileAst;
}

/** The tree of `text`, parsing again from the declaration the edit starts in; undefined if it cannot. */
export function reparseEdit(
  before: ParsedBefore,
  text: string,
  maxNesting: number,
): A.SourceFileAst | undefined {
  const { ast } = before;
  const start = editStart(before.text, text);
  if (start === undefined) return undefined;
  const index = ast.decls.findIndex((d) => d.span.start < start && start < d.span.end);
  if (index < 0) return undefined;
  const edited = ast.decls[index].span.start;
  // Resume after the last import or declaration that ends before the edited declaration.
  let from = 0;
  const imports: A.ImportDecl[] = [];
  for (const imp of ast.imports) {
    if (imp.span.end > edited) continue;
    imports.push(imp);
    from = Math.max(from, imp.span.end);
  }
  const decls = ast.decls.slice(0, index);
  for (const d of decls) from = Math.max(from, d.span.end);

  let scanner: Scanner;
  let rest: { imports: A.ImportDecl[]; decls: A.Decl[] };
  try {
    scanner = new Scanner(before.file, text, maxNesting, from);
    rest = new DescentParser(scanner).parseFile();
  } catch (err) {
    if (err === BAIL || err instanceof RangeError) return undefined;
    throw err;
  }
  const comments = ast.comments.filter((c) => c.span.end <= from);
  for (const c of scanner.comments) comments.push(c);
  for (const imp of rest.imports) imports.push(imp);
  for (const d of rest.decls) decls.push(d);
  return { kind: "File", path: ast.path, imports, decls, comments, span: scanner.fileSpan() };
}

/** Where `text` first differs from `old`; undefined when they are equal. */
function editStart(old: string, text: string): number | undefined {
  if (old === text) return undefined;
  const shorter = Math.min(old.length, text.length);
  let i = 0;
  while (i < shorter && old.charCodeAt(i) === text.charCodeAt(i)) i++;
  return i;
}
