// JUnit XML for CI systems that show test results: one test suite, one test case per rule
// (plus one for the compiler), failed when the rule has findings at or above the fail-on
// level. Every finding is listed; those below the level go to the case's system-out.

import { type Diagnostic, severityRank } from "@archc/dsl";
import { type ReportContext, toolName } from "./report-context.js";

export function escapeXml(s: string): string {
  return (
    s
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
      // Characters XML 1.0 cannot hold at all.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what must go
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "\uFFFD")
  );
}

function describe(d: Diagnostic, displayPath: (f: string) => string): string {
  const at = `${displayPath(d.span.file)}:${d.span.line}:${d.span.col}`;
  const related = d.related.map(
    (r) => `\n    ${displayPath(r.span.file)}:${r.span.line}:${r.span.col}: ${r.message}`,
  );
  return `${d.severity} ${at}: ${d.message}${related.join("")}${d.help ? `\n    help: ${d.help}` : ""}`;
}

export function toJunit(
  diagnostics: readonly Diagnostic[],
  ctx: ReportContext,
  displayPath: (file: string) => string = (f) => f,
): string {
  const failRank = severityRank(ctx.failOn ?? "error");
  const ran = new Set(ctx.ran ?? ctx.metas.map((m) => m.id));
  const known = new Set(ctx.metas.map((m) => m.id));
  const cases: { name: string; className: string; findings: Diagnostic[]; skipped: boolean }[] = [
    {
      name: "compile",
      className: `${toolName(ctx)}.compiler`,
      findings: diagnostics.filter((d) => !known.has(d.code)),
      skipped: false,
    },
    ...ctx.metas.map((m) => ({
      name: m.id,
      className: `${toolName(ctx)}.rules.${m.category}`,
      findings: diagnostics.filter((d) => d.code === m.id),
      skipped: !ran.has(m.id),
    })),
  ];
  let failures = 0;
  let skipped = 0;
  const body = cases.map((c) => {
    const failing = c.findings.filter((d) => severityRank(d.severity) >= failRank);
    const other = c.findings.filter((d) => severityRank(d.severity) < failRank);
    const open = `    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(c.className)}" time="0">`;
    const parts: string[] = [];
    if (c.skipped) {
      skipped++;
      parts.push(`      <skipped message="rule is off"/>`);
    } else if (failing.length > 0) {
      failures++;
      const text = failing.map((d) => describe(d, displayPath)).join("\n");
      parts.push(
        `      <failure message="${escapeXml(`${failing.length} finding${failing.length === 1 ? "" : "s"}`)}" type="${failing.some((d) => d.severity === "error") ? "error" : failing[0].severity}">${escapeXml(text)}</failure>`,
      );
    }
    if (other.length > 0)
      parts.push(
        `      <system-out>${escapeXml(other.map((d) => describe(d, displayPath)).join("\n"))}</system-out>`,
      );
    return parts.length === 0 ? `${open}</testcase>` : `${open}\n${parts.join("\n")}\n    </testcase>`;
  });
  const name = `${toolName(ctx)} check`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${escapeXml(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
    `  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`,
    ...body,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
