// Formatting with the formatter `archc fmt` uses. A file with syntax errors is left alone: the
// formatter cannot know what a half-typed declaration was meant to be.

import type { TextEdit } from "vscode-languageserver";
import { positionAt } from "../text/positions.js";
import { pipeline } from "../workspace/pipeline.js";
import type { Located } from "./locate.js";

export function formatDocument(at: Located): TextEdit[] {
  const text = at.parsed.text;
  const result = pipeline.format(at.file, text);
  if (!result?.changed || result.text === text) return [];
  if (result.diagnostics.some((d) => d.severity === "error")) return [];
  return [
    {
      range: { start: { line: 0, character: 0 }, end: positionAt(at.lines, text.length) },
      newText: result.text,
    },
  ];
}
