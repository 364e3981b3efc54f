// `archc check` in the terminal: each diagnostic rustc-style (code frame, related ranges,
// help), then its fixes and, for model-checker findings, the numbered counterexample; then a
// summary line with counts.

import { compareDiagnostics, type Diagnostic, type Trace, type Workspace } from "@archc/dsl";
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
    for (const f of d.fixes ?? []) lines.push(`   ${p.blue("=")} ${p.bold("fix")}: ${f.title}`);
    if (d.trace) lines.push(...renderTrace(d.trace, p, o.displayPath));
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

function renderTrace(trace: Trace, p: Palette, displayPath: (f: string) => string): string[] {
  const lines = [
    `   ${p.blue("=")} ${p.bold("trace")}${trace.loopsTo === undefined ? "" : ` (loops back to state ${trace.loopsTo})`}:`,
  ];
  for (const s of trace.states) {
    const at = s.span ? p.dim(` (${displayPath(s.span.file)}:${s.span.line}:${s.span.col})`) : "";
    lines.push(`     ${String(s.index).padStart(2)}. ${s.action}${at}`);
  }
  return lines;
}
