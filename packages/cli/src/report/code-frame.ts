// rustc-style rendering of diagnostics: a header, a code frame with the primary span
// underlined, related spans labelled, and a closing `help:` line.

import type { Diagnostic, Severity } from "@archc/dsl";
import { LineIndex } from "@archc/dsl";

export interface Palette {
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly blue: (s: string) => string;
  readonly cyan: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
}

const wrap =
  (open: string, close: string) =>
  (s: string): string =>
    `\u001b[${open}m${s}\u001b[${close}m`;

export const colours: Palette = {
  red: wrap("31", "39"),
  yellow: wrap("33", "39"),
  blue: wrap("34", "39"),
  cyan: wrap("36", "39"),
  bold: wrap("1", "22"),
  dim: wrap("2", "22"),
};

const plain = (s: string): string => s;
export const noColours: Palette = {
  red: plain,
  yellow: plain,
  blue: plain,
  cyan: plain,
  bold: plain,
  dim: plain,
};

/** Colour on a TTY unless NO_COLOR is set; FORCE_COLOR forces it on (or off with 0). */
export function paletteFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Palette {
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "")
    return env.FORCE_COLOR === "0" ? noColours : colours;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return noColours;
  return stream.isTTY ? colours : noColours;
}

function severityWord(s: Severity, p: Palette): string {
  if (s === "error") return p.bold(p.red("error"));
  if (s === "warning") return p.bold(p.yellow("warning"));
  return p.bold(p.cyan("info"));
}

/** Looks up a file's text by its root-relative name (for the code frame). */
export type SourceLookup = (file: string) => string | undefined;

export function renderDiagnostic(
  d: Diagnostic,
  sources: SourceLookup,
  p: Palette,
  displayPath: (f: string) => string = (f) => f,
): string {
  const out: string[] = [];
  out.push(`${severityWord(d.severity, p)}${p.bold(`[${d.code}]: ${d.message}`)}`);
  const loc = `${displayPath(d.span.file)}:${d.span.line}:${d.span.col}`;
  const text = sources(d.span.file);
  const lineNoWidth = String(
    Math.max(d.span.endLine, ...d.related.map((r) => (r.span.file === d.span.file ? r.span.line : 0))),
  ).length;
  const gutter = " ".repeat(lineNoWidth);
  out.push(`${gutter}${p.blue("-->")} ${loc}`);
  if (text !== undefined) {
    const index = new LineIndex(text);
    out.push(
      ...frame(
        index,
        d.span.line,
        d.span.col,
        d.span.endLine,
        d.span.endCol,
        "",
        lineNoWidth,
        p,
        d.severity === "error" ? p.red : d.severity === "warning" ? p.yellow : p.cyan,
        "^",
      ),
    );
  }
  for (const r of d.related) {
    const rtext = sources(r.span.file);
    if (r.span.file !== d.span.file || rtext === undefined) {
      out.push(
        `${gutter}${p.blue("-->")} ${displayPath(r.span.file)}:${r.span.line}:${r.span.col}: ${r.message}`,
      );
      continue;
    }
    out.push(
      ...frame(
        new LineIndex(rtext),
        r.span.line,
        r.span.col,
        r.span.endLine,
        r.span.endCol,
        r.message,
        lineNoWidth,
        p,
        p.blue,
        "-",
      ),
    );
  }
  if (d.help) out.push(`${gutter}${p.blue(" =")} ${p.bold("help")}: ${d.help}`);
  return out.join("\n");
}

function frame(
  index: LineIndex,
  line: number,
  col: number,
  endLine: number,
  endCol: number,
  label: string,
  width: number,
  p: Palette,
  mark: (s: string) => string,
  markChar: string,
): string[] {
  const gutter = " ".repeat(width);
  const src = index.lineText(line).replace(/\t/g, " ");
  const stop = endLine === line ? Math.max(endCol, col + 1) : src.length + 1;
  const underline = " ".repeat(Math.max(0, col - 1)) + markChar.repeat(Math.max(1, stop - col));
  return [
    `${gutter} ${p.blue("|")}`,
    `${p.blue(String(line).padStart(width))} ${p.blue("|")} ${src}`,
    `${gutter} ${p.blue("|")} ${mark(underline)}${label ? ` ${mark(label)}` : ""}`,
  ];
}

export function summaryLine(diags: readonly Diagnostic[], p: Palette): string {
  const n = (s: Severity) => diags.filter((d) => d.severity === s).length;
  const [e, w, i] = [n("error"), n("warning"), n("info")];
  const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? "" : "s"}`;
  const text = `${plural(e, "error")}, ${plural(w, "warning")}, ${plural(i, "info")}`;
  return e > 0 ? p.bold(p.red(text)) : w > 0 ? p.bold(p.yellow(text)) : p.bold(text);
}
