// The TextMate grammar, checked by vscode-tmgrammar-test (VS Code's own tokenizer engine,
// vscode-textmate + oniguruma) against the scope assertions in test/grammar/*.test.arch.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const pkg = path.resolve(fileURLToPath(import.meta.url), "../..");
const runner = path.join(pkg, "node_modules/.bin/vscode-tmgrammar-test");

function runGrammarTests(pattern: string): { status: number | null; output: string } {
  const r = spawnSync(runner, ["--config", path.join(pkg, "package.json"), pattern], {
    cwd: pkg,
    encoding: "utf8",
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe("TextMate grammar", () => {
  it("is the grammar the manifest contributes", () => {
    const manifest = JSON.parse(readFileSync(path.join(pkg, "package.json"), "utf8"));
    const contributed = manifest.contributes.grammars[0];
    const grammar = JSON.parse(readFileSync(path.join(pkg, contributed.path), "utf8"));
    expect(grammar.scopeName).toBe(contributed.scopeName);
    expect(manifest.contributes.languages[0].extensions).toEqual([".arch"]);
  });

  it("passes every scope assertion", () => {
    const r = runGrammarTests("test/grammar/*.test.arch");
    expect(r.output).toMatch(/declarations\.test\.arch run successfuly/);
    expect(r.status, r.output).toBe(0);
  });

  it("fails on a wrong assertion (the runner really checks)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "archc-grammar-"));
    try {
      const wrong = path.join(dir, "wrong.test.arch");
      writeFileSync(
        wrong,
        '// SYNTAX TEST "source.arch" "a keyword is not a string"\nservice orders { }\n// <------- string.quoted.double.arch\n',
      );
      const r = runGrammarTests(wrong);
      expect(r.status).not.toBe(0);
      expect(r.output).toContain("missing required scopes: string.quoted.double.arch");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
