// Lays a Doc out as text: every group is printed flat if it (and what follows it up to the next
// possible break) fits in the width, otherwise its lines break. The algorithm is Wadler's
// "prettier printer" as Prettier implements it: a work stack of (indentation, mode, doc), and a
// `fits` look-ahead that measures a group in flat mode.

import type { Doc, Group } from "./doc.js";

/** The line width the formatter fits groups into. */
export const PRINT_WIDTH = 100;

const INDENT_WIDTH = 2;

type Mode = "flat" | "break";

interface Command {
  readonly indent: number;
  readonly mode: Mode;
  readonly doc: Doc;
}

export function printDoc(doc: Doc, width: number = PRINT_WIDTH): string {
  const broken = groupsThatMustBreak(doc);
  const out: string[] = [];
  let column = 0;
  const stack: Command[] = [{ indent: 0, mode: "break", doc }];
  while (stack.length > 0) {
    const { indent, mode, doc: d } = stack.pop()!;
    if (typeof d === "string") {
      out.push(d);
      column = columnAfter(column, d);
    } else if (isConcat(d)) {
      for (let i = d.length - 1; i >= 0; i--) stack.push({ indent, mode, doc: d[i] });
    } else {
      switch (d.kind) {
        case "indent":
          stack.push({ indent: indent + INDENT_WIDTH, mode, doc: d.contents });
          break;
        case "group": {
          const flat: Command = { indent, mode: "flat", doc: d.contents };
          if (mode === "flat" && !broken.has(d)) stack.push(flat);
          else if (!broken.has(d) && fits(flat, stack, width - column, broken)) stack.push(flat);
          else stack.push({ indent, mode: "break", doc: d.contents });
          break;
        }
        case "if-break":
          stack.push({ indent, mode, doc: mode === "break" ? d.broken : d.flat });
          break;
        case "line":
          if (mode === "flat" && !d.hard) {
            if (!d.soft) {
              out.push(" ");
              column += 1;
            }
          } else {
            trimTrailingSpaces(out);
            out.push(`\n${" ".repeat(indent)}`);
            column = indent;
          }
          break;
        case "break-parent":
          break;
      }
    }
  }
  trimTrailingSpaces(out);
  return out.join("");
}

function isConcat(d: Doc): d is readonly Doc[] {
  return Array.isArray(d);
}

/** Display width in code points (what an editor's column counter shows for most text). */
function textWidth(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n--; // the second half of a surrogate pair
  }
  return n;
}

function columnAfter(column: number, text: string): number {
  const nl = text.lastIndexOf("\n");
  return nl < 0 ? column + textWidth(text) : textWidth(text.slice(nl + 1));
}

/** Whether `next` printed flat, followed by the rest of the stack up to its first break, fits. */
function fits(next: Command, rest: readonly Command[], remaining: number, broken: Set<Group>): boolean {
  const todo: { mode: Mode; doc: Doc }[] = [next];
  let restIndex = rest.length;
  let left = remaining;
  while (left >= 0) {
    let cmd = todo.pop();
    if (cmd === undefined) {
      if (restIndex === 0) return true;
      cmd = rest[--restIndex];
    }
    const { mode, doc: d } = cmd;
    if (typeof d === "string") {
      const nl = d.indexOf("\n");
      left -= textWidth(nl < 0 ? d : d.slice(0, nl));
      if (nl >= 0) return left >= 0;
    } else if (isConcat(d)) {
      for (let i = d.length - 1; i >= 0; i--) todo.push({ mode, doc: d[i] });
    } else {
      switch (d.kind) {
        case "indent":
          todo.push({ mode, doc: d.contents });
          break;
        case "group":
          todo.push({ mode: broken.has(d) ? "break" : mode, doc: d.contents });
          break;
        case "if-break":
          todo.push({ mode, doc: mode === "break" ? d.broken : d.flat });
          break;
        case "line":
          if (mode === "break" || d.hard) return true;
          if (!d.soft) left -= 1;
          break;
        case "break-parent":
          break;
      }
    }
  }
  return false;
}

/**
 * The groups that cannot be flat: those marked `shouldBreak` and those holding a hard line or a
 * break-parent anywhere inside (so a `// comment` breaks every group around it).
 */
function groupsThatMustBreak(doc: Doc): Set<Group> {
  const broken = new Set<Group>();
  const memo = new Map<object, boolean>();
  const visit = (d: Doc): boolean => {
    if (typeof d === "string") return false;
    const known = memo.get(d);
    if (known !== undefined) return known;
    let forces = false;
    if (isConcat(d)) {
      for (const part of d) if (visit(part)) forces = true;
    } else {
      switch (d.kind) {
        case "group":
          forces = visit(d.contents) || d.shouldBreak;
          if (forces) broken.add(d);
          break;
        case "indent":
          forces = visit(d.contents);
          break;
        case "if-break": {
          const a = visit(d.broken);
          const b = visit(d.flat);
          forces = a || b;
          break;
        }
        case "line":
          forces = d.hard;
          break;
        case "break-parent":
          forces = true;
          break;
      }
    }
    memo.set(d, forces);
    return forces;
  };
  visit(doc);
  return broken;
}

function trimTrailingSpaces(out: string[]): void {
  while (out.length > 0) {
    const last = out[out.length - 1];
    if (last.length === 0) {
      out.pop();
      continue;
    }
    const end = last.charCodeAt(last.length - 1);
    if (end !== 32 && end !== 9) return;
    const trimmed = last.replace(/[ \t]+$/, "");
    if (trimmed.length > 0) {
      out[out.length - 1] = trimmed;
      return;
    }
    out.pop();
  }
}
