// Turns a request's (uri, position) into what features need: the file as the server knows it,
// the cursor offset, and the compilations holding the file, all from one fresh snapshot.

import * as path from "node:path";
import type { LineIndex, ParsedFile } from "@archc/dsl";
import type { Position } from "vscode-languageserver";
import { lineIndexOf, offsetAt } from "../text/positions.js";
import type { Compilation, IndexSnapshot, Project } from "../workspace/project.js";

export interface Located {
  readonly abs: string;
  readonly snapshot: IndexSnapshot;
  readonly compilations: readonly Compilation[];
  readonly parsed: ParsedFile;
  /** Root-relative path (the `file` of spans in this file). */
  readonly file: string;
  readonly lines: LineIndex;
  readonly offset: number;
}

export function locate(
  project: Project,
  abs: string,
  position: Position = { line: 0, character: 0 },
): Located | undefined {
  project.addFile(abs);
  const snapshot = project.snapshot();
  const compilations = project.compilationsOf(snapshot, abs);
  const parsed = project.parsedFile(snapshot, abs);
  if (!parsed) return undefined;
  const lines = lineIndexOf(parsed.text, parsed.ast);
  return { abs, snapshot, compilations, parsed, file: parsed.file, lines, offset: offsetAt(lines, position) };
}

/** The absolute path of a span's file, given the folder its compilation is rooted at. */
export function spanPath(c: Compilation, file: string): string {
  return path.resolve(c.folder, file);
}
