// Diagnostics without repeats: a file imported by two compilations, or two stages reporting the
// same problem, must show it once.

import { compareDiagnostics, type Diagnostic } from "@archc/dsl";

/**
 * The diagnostics without repeats (same file, code, range and message). The stages report in
 * source order (`compareDiagnostics`), where repeats are neighbours: each is compared with the
 * run of entries that sort equal to it; an unsorted list is deduplicated by key instead.
 */
export function dedupe(diags: readonly Diagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  let run = 0;
  for (const d of diags) {
    const last = out.length - 1;
    const order = last < 0 ? -1 : compareDiagnostics(out[last], d);
    if (order > 0) return dedupeByKey(diags);
    if (order === 0) {
      if (out.slice(run).some((e) => e.span.end === d.span.end)) continue;
    } else run = out.length;
    out.push(d);
  }
  return out;
}

function dedupeByKey(diags: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of diags) {
    const id = `${d.span.file}\0${d.code}\0${d.span.start}\0${d.span.end}\0${d.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(d);
  }
  return out;
}
