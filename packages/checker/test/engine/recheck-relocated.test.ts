// Re-checking an incremental compilation with a memo gives exactly the findings of a full
// check, when the memo reuses whole rules' findings with their spans relocated (Rule.reads,
// engine/relocation.ts) and the compiler moves the services below an edit: the language
// server's path. Edits are made one after another to real and generated workspaces, each
// compiled with compileIncremental from the previous compilation (unchanged files keep their
// syntax trees), and compared with a full compile and check. Some edits must be reused (a
// character in a string), others must not (a timeout, a removed `calls` line, a rename).

import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Compilation,
  compileIncremental,
  compileWorkspace,
  MEMORY_ROOT,
  memoryHost,
} from "@archc/compiler";
import { expandEntries, loadWorkspace, type ParsedFile, type Workspace } from "@archc/dsl";
import { describe, expect, it } from "vitest";
import { generateSystem } from "../../../../bench/generate.js";
import { checkModel } from "../../src/check.js";
import { RuleMemo } from "../../src/engine/rule-memo.js";

const repo = fileURLToPath(new URL("../../../../", import.meta.url));

type Files = Record<string, string>;

/** In-memory files whose unchanged files keep their parsed trees, as in the language server. */
class EditableWorkspace {
  private readonly cache = new Map<string, ParsedFile>();
  constructor(public files: Files) {}
  load(): Workspace {
    const entries = Object.keys(this.files)
      .sort()
      .map((f) => path.resolve(MEMORY_ROOT, f));
    return loadWorkspace(entries, { root: MEMORY_ROOT, host: memoryHost(this.files), cache: this.cache });
  }
}

/** An edit of one file's text; undefined when the text has nothing to edit. */
type Edit = readonly [string, (text: string) => string | undefined];

const at = (re: RegExp, by: (m: RegExpExecArray, text: string) => string) => (text: string) => {
  const m = re.exec(text);
  return m === null ? undefined : by(m, text);
};
const insertAfter = (re: RegExp, insert: string) =>
  at(re, (m, t) => t.slice(0, m.index + m[0].length) + insert + t.slice(m.index + m[0].length));
const replaceMatch = (re: RegExp, by: (m: RegExpExecArray) => string) =>
  at(re, (m, t) => t.slice(0, m.index) + by(m) + t.slice(m.index + m[0].length));

const TYPE_X: Edit = ["a character typed into the first owner string", insertAfter(/owner "/, "x")];
const DELETE_X: Edit = ["the character deleted again", replaceMatch(/owner "x/, () => 'owner "')];

const EDITS: readonly Edit[] = [
  TYPE_X,
  DELETE_X,
  TYPE_X,
  ["a character typed into a doc comment", insertAfter(/\/\/\/ /, "y")],
  ["a timeout changed", replaceMatch(/timeout (\d+)(ms|s)\b/, (m) => `timeout ${Number(m[1]) * 7}${m[2]}`)],
  ["a retry count changed", replaceMatch(/retries (\d+)/, (m) => `retries ${Number(m[1]) + 3}`)],
  ["a calls line removed", replaceMatch(/\n\s*calls [^\n]*/, () => "")],
  ["a blank line at the top", (t) => `\n${t}`],
  ["a blank line inside the first service", insertAfter(/service [^\n]*\{\n/, "\n")],
  ["a character typed into an env value", insertAfter(/= "/, "h")],
  ["idempotent removed", replaceMatch(/ idempotent\b/, () => "")],
  ["a service renamed", replaceMatch(/service ([a-z0-9-]+)/, (m) => `service ${m[1]}z`)],
  ["a store's use dropped", replaceMatch(/\n\s*uses [^\n]*/, () => "")],
  ["two characters typed on the line of a call", insertAfter(/calls [a-z0-9-]+\.[a-z0-9-]+/, "  ")],
  ["a publishes line removed", replaceMatch(/\n\s*publishes [^\n]*/, () => "")],
  ["a syntax error typed", insertAfter(/owner "[^"]*"/, " {")],
  ["the syntax error removed", replaceMatch(/(owner "[^"]*") \{/, (m) => m[1])],
];

interface Run {
  readonly memo: RuleMemo;
  readonly edits: number;
}

/** Applies the edits in turn to the first files, re-checking after each; returns the memo. */
function expectRecheckAgrees(files: Files, edits: readonly Edit[] = EDITS, fileCount = 3): Run {
  const ws = new EditableWorkspace({ ...files });
  let compiled: Compilation = compileIncremental(undefined, ws.load());
  const memo = new RuleMemo();
  checkModel(compiled, { memo });
  let count = 0;
  const names = Object.keys(files).sort().slice(0, fileCount);
  for (const [what, edit] of edits) {
    for (const name of names) {
      const edited = edit(ws.files[name]);
      if (edited === undefined) continue;
      ws.files = { ...ws.files, [name]: edited };
      const workspace = ws.load();
      compiled = compileIncremental(compiled, workspace);
      const incremental = checkModel(compiled, { memo });
      const full = checkModel(compileWorkspace(workspace));
      expect(incremental.diagnostics, `${what} in ${name}`).toEqual(full.diagnostics);
      expect(incremental.suppressed, `${what} in ${name}`).toEqual(full.suppressed);
      count++;
    }
  }
  return { memo, edits: count };
}

function readTree(dir: string): Files {
  const out: Files = {};
  for (const abs of expandEntries([dir]))
    out[path.relative(dir, abs).split(path.sep).join("/")] = readFileSync(abs, "utf8");
  return out;
}

describe("re-checking an incremental compilation with relocated findings", () => {
  for (const example of readdirSync(path.join(repo, "examples"))) {
    it(`agrees with a full check on examples/${example}`, () => {
      const { edits } = expectRecheckAgrees(readTree(path.join(repo, "examples", example)));
      expect(edits).toBeGreaterThan(0);
    });
  }

  it("agrees with a full check on the rule fixtures", () => {
    const dir = path.join(repo, "packages/checker/test/fixtures/rules");
    for (const rule of readdirSync(dir)) {
      let text: string;
      try {
        text = readFileSync(path.join(dir, rule, "fires.arch"), "utf8");
      } catch {
        continue;
      }
      expectRecheckAgrees({ "main.arch": text });
    }
  });

  it("agrees with a full check on a generated system", () => {
    const { files } = generateSystem({ services: 60, seed: 3 });
    const { memo } = expectRecheckAgrees(Object.fromEntries(files), EDITS, 4);
    expect(memo.stats.rulesReused).toBeGreaterThan(0);
  });

  it("reuses every rule after a character typed into a string above moved services", () => {
    const { files } = generateSystem({ services: 60, seed: 3 });
    const all = Object.fromEntries(files);
    const servicesFile = Object.keys(all).find((f) => f.startsWith("services/"))!;
    const ws = new EditableWorkspace(all);
    let compiled = compileIncremental(undefined, ws.load());
    const memo = new RuleMemo();
    const ran = checkModel(compiled, { memo }).ran.length;
    for (const [, edit] of [TYPE_X, DELETE_X, TYPE_X]) {
      ws.files = { ...ws.files, [servicesFile]: edit(ws.files[servicesFile])! };
      const workspace = ws.load();
      compiled = compileIncremental(compiled, workspace);
      const before = memo.stats.rulesReused;
      const incremental = checkModel(compiled, { memo });
      expect(incremental.diagnostics).toEqual(checkModel(compileWorkspace(workspace)).diagnostics);
      expect(memo.stats.rulesReused - before).toBe(ran);
    }
  });

  it("reuses no rule that reads calls after a timeout changed", () => {
    const { files } = generateSystem({ services: 60, seed: 3 });
    const all = Object.fromEntries(files);
    const file = Object.keys(all).find((f) => /timeout \d+/.test(all[f]))!;
    const ws = new EditableWorkspace(all);
    let compiled = compileIncremental(undefined, ws.load());
    const memo = new RuleMemo();
    const ran = checkModel(compiled, { memo }).ran.length;
    ws.files = { ...ws.files, [file]: EDITS[4][1](ws.files[file])! };
    compiled = compileIncremental(compiled, ws.load());
    checkModel(compiled, { memo });
    expect(memo.stats.rulesReused).toBeGreaterThan(0);
    expect(memo.stats.rulesReused).toBeLessThan(ran);
  });
});
