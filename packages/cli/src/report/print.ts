// Pretty output to stderr-or-stdout for a set of diagnostics over a loaded workspace.

import * as path from "node:path";
import { compareDiagnostics, type Diagnostic, type Workspace } from "@archc/dsl";
import type { CliIO } from "../io.js";
import { paletteFor, renderDiagnostic, summaryLine } from "./code-frame.js";

/** The path to show for a root-relative file: relative to the working directory. */
export function displayPathFor(io: CliIO, ws: Workspace): (file: string) => string {
  return (file) => {
    const abs = path.resolve(ws.root, file);
    const rel = path.relative(io.cwd, abs);
    return rel.startsWith("..") || path.isAbsolute(rel) ? abs : rel || file;
  };
}

export function sourceLookupFor(ws: Workspace): (file: string) => string | undefined {
  const byFile = new Map(ws.files.map((f) => [f.file, f.text]));
  return (file) => byFile.get(file);
}

export function printDiagnostics(
  io: CliIO,
  ws: Workspace,
  diags: readonly Diagnostic[],
  stream = io.stdout,
): void {
  const p = paletteFor(stream, io.env);
  const sorted = [...diags].sort(compareDiagnostics);
  const lookup = sourceLookupFor(ws);
  const show = displayPathFor(io, ws);
  for (const d of sorted) stream.write(`${renderDiagnostic(d, lookup, p, show)}\n\n`);
  stream.write(`${summaryLine(sorted, p)}\n`);
}
