// GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…::message` line
// per diagnostic, which GitHub shows as an annotation on the pull request's diff.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions

import type { Diagnostic } from "@archc/dsl";

/** Escapes the message part of a workflow command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a property value (`file=`, `title=`): also `:` and `,`, which delimit properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * @param displayPath maps a root-relative file to the path GitHub knows (relative to the
 *   repository root, which is where `archc check` runs in a workflow).
 */
export function toGithub(
  diagnostics: readonly Diagnostic[],
  displayPath: (file: string) => string = (f) => f,
): string {
  return diagnostics
    .map((d) => {
      const command = d.severity === "info" ? "notice" : d.severity;
      const props = [
        `file=${escapeProperty(displayPath(d.span.file))}`,
        `line=${d.span.line}`,
        `col=${d.span.col}`,
        `endLine=${d.span.endLine}`,
        `endColumn=${d.span.endCol}`,
        `title=${escapeProperty(`archc ${d.code}`)}`,
      ].join(",");
      const lines = [
        d.message,
        ...d.related.map((r) => `${displayPath(r.span.file)}:${r.span.line}:${r.span.col}: ${r.message}`),
        ...(d.help ? [`help: ${d.help}`] : []),
      ];
      return `::${command} ${props}::${escapeData(lines.join("\n"))}\n`;
    })
    .join("");
}
