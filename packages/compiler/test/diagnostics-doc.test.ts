// docs/diagnostics.md is generated from the code catalogues (front end and compiler), with each
// compiler example's real diagnostics, so the page cannot drift from the compiler. To rewrite
// it: ARCHC_WRITE_DOCS=1 npx vitest run packages/compiler/test/diagnostics-doc.test.ts

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { frontEndCodes } from "@archc/dsl";
import { expect, it } from "vitest";
import { compileText, compilerCodes } from "../src/index.js";

const PAGE = fileURLToPath(new URL("../../../docs/diagnostics.md", import.meta.url));

const GROUPS: [RegExp, string][] = [
  [/^E00/, "Reading files (E00xx)"],
  [/^E01/, "Syntax (E01xx)"],
  [/^E02/, "Names (E02xx)"],
  [/^E03/, "Types and flows (E03xx)"],
  [/^E04/, "Sagas (E04xx)"],
  [/^E05/, "Events, topics, HTTP, gateways and configuration (E05xx)"],
];

function reported(explanation: string): string {
  const example = /```arch\n([\s\S]*?)```/.exec(explanation)?.[1];
  if (example === undefined) return "";
  const lines = compileText(example).diagnostics.map((d) =>
    [
      `${d.severity}[${d.code}]: ${d.message}`,
      `  --> main.arch:${d.span.line}:${d.span.col}`,
      ...(d.help ? [`  = help: ${d.help}`] : []),
    ].join("\n"),
  );
  return `\n\narchc reports:\n\n\`\`\`\n${lines.join("\n\n")}\n\`\`\``;
}

function renderPage(): string {
  const codes: [string, { title: string; explanation: string }][] = [
    ...Object.entries(frontEndCodes),
    ...Object.entries(compilerCodes),
  ];
  const out = [
    "# Diagnostics",
    "",
    "<!-- Generated from the code catalogues by packages/compiler/test/diagnostics-doc.test.ts; do not edit. -->",
    "",
    "Every problem the front end and the compiler find has a stable code, a message that names what was",
    'expected and what was found, a source range, related ranges where another place matters ("first',
    'declared here"), and often a `help:` line and a quick fix. `archc explain <code>` prints the section',
    "below for one code. Checker findings are named by rule id instead; see [rules/](rules/).",
    "",
    "All of these are errors: `archc compile` and `archc check` exit with status 1 when one is present. A",
    "file with errors still compiles to a partial model, so the editor keeps working.",
    "",
  ];
  for (const [pattern, heading] of GROUPS) {
    const group = codes.filter(([code]) => pattern.test(code));
    out.push(`## ${heading}`, "");
    out.push(...group.map(([code, info]) => `- [${code}](#${code.toLowerCase()}) ${info.title}`), "");
    for (const [code, info] of group)
      out.push(
        `### ${code}`,
        "",
        `**${info.title}**`,
        "",
        `${info.explanation}${reported(info.explanation)}`,
        "",
      );
  }
  return `${out.join("\n").trimEnd()}\n`;
}

it("docs/diagnostics.md matches the catalogues", () => {
  const page = renderPage();
  if (process.env.ARCHC_WRITE_DOCS === "1") writeFileSync(PAGE, page);
  expect(readFileSync(PAGE, "utf8")).toBe(page);
});
