// Re-checking with a memo gives exactly the findings of a full check: on the examples, the
// rule fixtures and generated systems, through a series of edits (a character in a string,
// a changed timeout or retry count, a removed `calls` line, a removed `idempotent`, a blank
// line that moves every span below it), each compiled afresh and then given the previous
// Model's objects wherever they are unchanged, as an incremental compile would.

import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { MEMORY_ROOT, memoryHost, compileWorkspace } from "@archc/compiler";
import { expandEntries, loadWorkspace } from "@archc/dsl";
import { describe, expect, it } from "vitest";
import { generateSystem } from "../../../../bench/generate.js";
import { checkModel } from "../../src/check.js";
import { RuleMemo } from "../../src/engine/rule-memo.js";
import { reuseUnchanged } from "../support/reuse-unchanged.js";

const repo = fileURLToPath(new URL("../../../../", import.meta.url));

type Files = Record<string, string>;

function compile(files: Files) {
  const names = Object.keys(files).sort();
  const ws = loadWorkspace(
    names.map((n) => path.resolve(MEMORY_ROOT, n)),
    { root: MEMORY_ROOT, host: memoryHost(files) },
  );
  return compileWorkspace(ws);
}

function readTree(dir: string): Files {
  const out: Files = {};
  for (const abs of expandEntries([dir]))
    out[path.relative(dir, abs).split(path.sep).join("/")] = readFileSync(abs, "utf8");
  return out;
}

/** Edits of one file's text; each returns undefined when the text has nothing to edit. */
const EDITS: readonly [string, (text: string) => string | undefined][] = [
  [
    "a character typed into a string",
    (t) => replaceNth(t, /owner "|description "|image "/g, 0, (m) => `${m}x`),
  ],
  [
    "a timeout changed",
    (t) => replaceNth(t, /timeout (\d+)(ms|s)\b/g, 1, (_, n, u) => `timeout ${Number(n) * 7}${u}`),
  ],
  ["a retry count changed", (t) => replaceNth(t, /retries (\d+)/g, 0, (_, n) => `retries ${Number(n) + 3}`)],
  ["a calls line removed", (t) => replaceNth(t, /^\s*calls [^\n]*\n/gm, 0, () => "")],
  ["idempotent removed", (t) => replaceNth(t, /\bidempotent\b/g, 0, () => "")],
  ["a blank line at the top", (t) => `\n${t}`],
  [
    "a per-try timeout changed",
    (t) => replaceNth(t, /per-try (\d+)(ms|s)\b/g, 0, (_, n, u) => `per-try ${Number(n) * 3}${u}`),
  ],
];

function replaceNth(
  text: string,
  re: RegExp,
  nth: number,
  by: (match: string, ...groups: string[]) => string,
): string | undefined {
  let i = 0;
  let done = false;
  const out = text.replace(re, (match: string, ...rest: unknown[]) => {
    if (done || i++ !== nth) return match;
    done = true;
    return by(match, ...(rest.filter((x) => typeof x === "string") as string[]));
  });
  return done ? out : undefined;
}

/** Applies the edits one after another, each to every file in turn, checking after each. */
function expectMemoAgrees(files: Files): RuleMemo {
  const memo = new RuleMemo();
  let current = { ...files };
  let prevModel = compile(current).model;
  checkModel({ model: prevModel, diagnostics: [] }, { memo });
  const names = Object.keys(files).sort();
  for (const [what, edit] of EDITS) {
    for (const name of names.slice(0, 3)) {
      const edited = edit(current[name]);
      if (edited === undefined) continue;
      current = { ...current, [name]: edited };
      const fresh = compile(current);
      const model = reuseUnchanged(prevModel, fresh.model);
      const full = checkModel(fresh);
      const incremental = checkModel({ model, diagnostics: fresh.diagnostics }, { memo });
      expect(incremental.diagnostics, `${what} in ${name}`).toEqual(full.diagnostics);
      expect(incremental.suppressed, `${what} in ${name}`).toEqual(full.suppressed);
      prevModel = model;
    }
  }
  return memo;
}

describe("re-checking with a memo", () => {
  for (const example of readdirSync(path.join(repo, "examples"))) {
    it(`agrees with a full check on examples/${example}`, () => {
      const memo = expectMemoAgrees(readTree(path.join(repo, "examples", example)));
      expect(memo.stats.computed).toBeGreaterThan(0);
    });
  }

  it("agrees with a full check on every rule fixture", () => {
    const dir = path.join(repo, "packages/checker/test/fixtures/rules");
    for (const rule of readdirSync(dir)) {
      for (const kind of ["fires.arch", "clean.arch"]) {
        let text: string;
        try {
          text = readFileSync(path.join(dir, rule, kind), "utf8");
        } catch {
          continue;
        }
        expectMemoAgrees({ "main.arch": text });
      }
    }
  });

  it("agrees with a full check on a generated system, and reuses what did not change", () => {
    const { files } = generateSystem({ services: 60, seed: 3 });
    const memo = expectMemoAgrees(Object.fromEntries(files));
    expect(memo.stats.rulesReused).toBeGreaterThan(0);
  });

  it("reuses no element's findings when the Model is compiled afresh (no shared objects), only whole rules' whose parts are equal", () => {
    const { files } = generateSystem({ services: 20, seed: 5 });
    const memo = new RuleMemo();
    checkModel(compile(Object.fromEntries(files)), { memo });
    const again = checkModel(compile(Object.fromEntries(files)), { memo });
    expect(memo.stats.reused).toBe(0);
    expect(memo.stats.rulesReused).toBeGreaterThan(0);
    expect(again.diagnostics).toEqual(checkModel(compile(Object.fromEntries(files))).diagnostics);
  });
});
