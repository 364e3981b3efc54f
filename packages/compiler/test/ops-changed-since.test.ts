// `opsChangedSince`: after an incremental compile, every op it does not name as built afresh is
// the previous entry itself or, for a service it names as moved, the previous entry with its
// spans moved by that service's move; and it answers only when the ops table has the same names
// in the same order as the previous one. Checked on a generated system through edits of every
// kind the language server sees: a character in a string, a changed timeout, an op attribute
// removed, a line above everything, an op renamed, an op added.

import * as path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { loadWorkspace, type ParsedFile, type Span } from "@archc/dsl";
import { describe, expect, it } from "vitest";
import { generateSystem } from "../../../bench/generate.js";
import {
  type Compilation,
  compileIncremental,
  MEMORY_ROOT,
  memoryHost,
  type Op,
  opsChangedSince,
  sameValue,
} from "../src/index.js";

const files = Object.fromEntries(generateSystem({ services: 40, seed: 3 }).files);
const target = Object.keys(files).find((f) => f.startsWith("services/"))!;
const cache = new Map<string, ParsedFile>();

function compile(previous: Compilation | undefined, text: string): Compilation {
  const current = { ...files, [target]: text };
  const entries = Object.keys(current)
    .sort()
    .map((f) => path.resolve(MEMORY_ROOT, f));
  return compileIncremental(
    previous,
    loadWorkspace(entries, { root: MEMORY_ROOT, host: memoryHost(current), cache }),
  );
}

/** The op without its spans, and how its spans moved from `was`'s (undefined if not alike). */
function moveOf(was: Op, now: Op): { offset: number; lines: number } | undefined {
  const strip = (op: Op) => ({ ...op, span: undefined, nameSpan: undefined });
  if (!sameValue(strip(was), strip(now))) return undefined;
  const delta = (a: Span, b: Span) => ({ offset: b.start - a.start, lines: b.line - a.line });
  const d = delta(was.span, now.span);
  return sameValue(d, delta(was.nameSpan, now.nameSpan)) ? d : undefined;
}

const original = files[target];
const EDITS: readonly [string, (t: string) => string, "answers" | "declines"][] = [
  ["a character typed into a string", (t) => t.replace('owner "', 'owner "x'), "answers"],
  [
    "a timeout changed",
    (t) => t.replace(/timeout (\d+)(ms|s)\b/, (_, n, u) => `timeout ${Number(n) + 7}${u}`),
    "answers",
  ],
  ["an op attribute removed", (t) => t.replace(/\bidempotent\b/, ""), "answers"],
  ["a line above everything", (t) => `\n${t}`, "answers"],
  ["an op renamed", (t) => t.replace(/\bop (\w+):/, "op renamedOp:"), "declines"],
  [
    "an op added",
    (t) => t.replace(/api v1 rest \{/, 'api v1 rest {\n    op addedOp: unit -> unit  GET "/added"  readonly'),
    "declines",
  ],
];

describe("opsChangedSince", () => {
  for (const [what, edit, expected] of EDITS) {
    it(`names every op that is not the previous entry, after ${what}`, () => {
      const before = compile(undefined, original);
      const warm = compile(before, `${original}\n`);
      const edited = edit(`${original}\n`);
      expect(edited).not.toBe(`${original}\n`);
      const after = compile(warm, edited);
      const was = warm.model.ops;
      const now = after.model.ops;
      const ops = opsChangedSince(after.model, warm.model);
      if (expected === "declines") {
        expect(ops).toBeUndefined();
        return;
      }
      expect(ops).toBeDefined();
      expect(Object.keys(now)).toEqual(Object.keys(was));
      const fresh = new Set(ops!.fresh);
      const moves = ops!.moved.map((s) => ({ offset: s.offset, lines: s.lines }));
      let moved = 0;
      for (const id of Object.keys(now)) {
        if (now[id] === was[id] || fresh.has(id)) continue;
        const move = moveOf(was[id], now[id]);
        expect(move, `op ${id} changed but is not named as built afresh`).toBeDefined();
        expect(moves).toContainEqual(move);
        moved++;
      }
      if (what === "a line above everything") expect(moved).toBeGreaterThan(0);
      // Unrelated to the compile it came from: no answer.
      expect(opsChangedSince(after.model, before.model)).toBeUndefined();
    });
  }

  it("lets the Models of earlier compilations go (a chain of them would grow with every edit)", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    let latest = compile(undefined, original);
    const early: WeakRef<object>[] = [];
    for (let i = 0; i < 6; i++) {
      latest = compile(latest, i % 2 === 0 ? original.replace('owner "', 'owner "x') : original);
      if (i < 3) early.push(new WeakRef(latest.model));
    }
    expect(opsChangedSince(latest.model, latest.model)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(early.map((r) => r.deref() === undefined)).toEqual([true, true, true]);
  });
});
