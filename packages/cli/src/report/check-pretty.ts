// `archc check` in the terminal: each diagnostic rustc-style (code frame, related ranges,
// help), then its fixes and, for model-checker findings, the numbered counterexample; then a
// summary line with counts.

import { formatTrace } from "@archc/checker";
import { compareDiagnostics, type Diagnostic, type Workspace } from "@archc/dsl";
import { type Palette, renderDiagnostic, summaryLine } from "./code-frame.js";

export interface PrettyOptions {
  readonly palette: Palette;
  readonly displayPath: (file: string) => string;
  readonly suppressed: number;
}

export function renderCheckPretty(ws: Workspace, diags: readonly Diagnostic[], o: PrettyOptions): string {
  const texts = new Map(ws.files.map((f) => [f.file, f.text]));
  const lookup = (file: string) => texts.get(file);
  const p = o.palette;
  const out: string[] = [];
  for (const d of [...diags].sort(compareDiagnostics)) {
    const lines = [renderDiagnostic(d, lookup, p, o.displayPath)];
    // The same gutter as renderDiagnostic's `= help:` line, so the notes line up under it.
    const width = String(
      Math.max(d.span.endLine, ...d.related.map((r) => (r.span.file === d.span.file ? r.span.line : 0))),
    ).length;
    const note = `${" ".repeat(width)}${p.blue(" =")}`;
    for (const f of d.fixes ?? []) lines.push(`${note} ${p.bold("fix")}: ${f.title}`);
    if (d.trace)
      lines.push(`${note} ${p.bold("trace")}:`, ...formatTrace(d.trace, `${" ".repeat(width)}   `));
    out.push(`${lines.join("\n")}\n\n`);
  }
  const files = ws.files.length;
  const extra = [
    ...(o.suppressed > 0 ? [`${o.suppressed} suppressed`] : []),
    `${files} file${files === 1 ? "" : "s"} checked`,
  ].join(", ");
  out.push(`${summaryLine(diags, p)} ${p.dim(`(${extra})`)}\n`);
  return out.join("");
}
