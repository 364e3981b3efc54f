// `archc level` in the terminal: the level reached, each level's verdict, and for the next
// level every criterion with the exact declarations that are missing.

import type { LevelAssessment } from "@archc/checker";
import type { Palette } from "./code-frame.js";

export function renderLevel(a: LevelAssessment, p: Palette, displayPath: (file: string) => string): string {
  const out: string[] = [];
  out.push(p.bold(`Level ${a.level} of 7: ${a.name}`), "");
  for (const l of a.levels) {
    const mark = l.met ? p.bold("✓") : p.dim("✗");
    const met = l.criteria.filter((c) => c.met).length;
    const note = l.level === a.next?.level ? " (next)" : "";
    out.push(`  ${mark} ${l.level} ${l.name} ${p.dim(`(${met}/${l.criteria.length} criteria)`)}${note}`);
  }
  if (a.next === undefined) {
    out.push("", "Every criterion of every level is met.");
    return `${out.join("\n")}\n`;
  }
  out.push("", p.bold(`To reach level ${a.next.level} (${a.next.name}):`));
  for (const c of a.next.criteria) {
    out.push(`  ${c.met ? p.bold("✓") : p.red("✗")} ${c.id} ${c.text}`);
    for (const g of c.gaps) {
      const at = g.span ? `${displayPath(g.span.file)}:${g.span.line}:${g.span.col}: ` : "";
      out.push(`      ${p.dim(at)}${g.message}`);
    }
  }
  return `${out.join("\n")}\n`;
}
