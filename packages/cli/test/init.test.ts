// `archc init` end to end: the starter system checks clean, and nothing is overwritten.

import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, runArchc, tempProject } from "./support/run-archc.js";

const dirs: string[] = [];
beforeAll(buildCli, 120_000);
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const empty = () => {
  const d = tempProject({});
  dirs.push(d);
  return d;
};

describe("archc init", () => {
  it("writes a system, a workflow and a README into a new folder", () => {
    const dir = empty();
    const r = runArchc(dir, ["init", "shop"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      "wrote shop/system.arch, shop/.github/workflows/archc.yml, shop/README.md\nnext: archc check shop   (then archc level shop)\n",
    );
    for (const f of ["system.arch", ".github/workflows/archc.yml", "README.md"])
      expect(existsSync(path.join(dir, "shop", f))).toBe(true);
  });

  it("the starter system checks clean: exit 0, no finding of any severity", () => {
    const dir = empty();
    expect(runArchc(dir, ["init"]).status).toBe(0);
    const pretty = runArchc(dir, ["check"]);
    expect(pretty.status).toBe(0);
    expect(pretty.stdout).toBe("0 errors, 0 warnings, 0 infos (1 file checked)\n");
    const json = JSON.parse(runArchc(dir, ["check", "--format", "json", "--fail-on", "info"]).stdout);
    expect(json.diagnostics).toEqual([]);
  });

  it("the workflow runs archc check with SARIF and uploads it", () => {
    const dir = empty();
    runArchc(dir, ["init"]);
    const wf = readFileSync(path.join(dir, ".github/workflows/archc.yml"), "utf8");
    expect(wf).toContain("run: archc check --format sarif --output archc.sarif");
    expect(wf).toContain("uses: github/codeql-action/upload-sarif@v3");
    expect(wf).toContain("sarif_file: archc.sarif");
  });

  it("refuses to overwrite an existing file (exit 2) and writes nothing", () => {
    const dir = empty();
    writeFileSync(path.join(dir, "README.md"), "mine\n");
    const r = runArchc(dir, ["init"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("archc: not overwriting README.md; choose an empty folder\n");
    expect(readFileSync(path.join(dir, "README.md"), "utf8")).toBe("mine\n");
    expect(existsSync(path.join(dir, "system.arch"))).toBe(false);
  });
});
