// The fast path of parseSource, for well-formed files: a hand-written scanner (scanner.ts) and
// recursive-descent parser (descent-parser.ts) that build exactly the AST the chevrotain path
// builds, several times faster, and give up on anything else.
//
// Design: the chevrotain parser (parser.ts) stays the single source of truth for the grammar's
// errors, recovery and messages. The fast path only accepts text on which the chevrotain path
// reports nothing: no lexing error, no syntax error, no value diagnostic, no nesting beyond
// MAX_NESTING. Wherever the chevrotain path would report something, or a construct is not
// plainly handled here, the fast path throws BAIL and parseSource runs the chevrotain path on
// the same text, so behaviour is unchanged by construction and only speed changes. The
// differential tests (test/fast-parse.test.ts) hold the two grammars together: on every file
// the fast path accepts, its result must deep-equal the chevrotain path's.

import type { ParseResult } from "../parse.js";
import { BAIL } from "./bail.js";
import { DescentParser } from "./descent-parser.js";
import { Scanner } from "./scanner.js";

/**
 * Parses a well-formed file, or returns undefined when the text needs the chevrotain path
 * (anything it would report a diagnostic for, or a construct the fast path leaves to it).
 * Other exceptions are bugs of the fast path and are thrown.
 */
export function parseWellFormed(file: string, text: string, maxNesting: number): ParseResult | undefined {
  try {
    const scanner = new Scanner(file, text, maxNesting);
    const { imports, decls } = new DescentParser(scanner).parseFile();
    return {
      ast: {
        kind: "File",
        path: file,
        imports,
        decls,
        comments: scanner.comments,
        span: scanner.fileSpan(),
      },
      diagnostics: [],
    };
  } catch (err) {
    // RangeError: the stack ran out; the chevrotain path reports that as E0112.
    if (err === BAIL || err instanceof RangeError) return undefined;
    throw err;
  }
}
