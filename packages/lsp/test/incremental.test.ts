// Re-checking after edits reuses the previous round (incremental compile, rule memo) and
// still publishes exactly what a server started fresh on the same texts would.

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateSystem } from "../../../bench/generate.js";
import { Project } from "../src/workspace/project.js";
import { OverlayHost } from "../src/workspace/source-host.js";

const root = mkdtempSync(path.join(os.tmpdir(), "archc-lsp-incremental-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const { files } = generateSystem({ services: 40, seed: 7 });
for (const [name, text] of files) {
  mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
  writeFileSync(path.join(root, name), text);
}
const edited = path.join(root, [...files.keys()].find((f) => f.startsWith("services/"))!);
const original = files.get(path.relative(root, edited).split(path.sep).join("/"))!;

/** Edits of the service file, applied one after another. */
const EDITS: readonly ((t: string) => string)[] = [
  (t) => t.replace('owner "', 'owner "x'),
  (t) => t.replace(/timeout (\d+)ms/, (_, n) => `timeout ${Number(n) * 9}ms`),
  (t) => `\n\n${t}`,
  (t) => t.replace(/\bidempotent\b/, ""),
  (t) => t.replace(/^\s*calls [^\n]*\n/m, ""),
  (t) => t.replace(/retries (\d+)/, (_, n) => `retries ${Number(n) + 4}`),
  (t) => t.replace("service ", "service renamed_"),
  () => original,
];

function fresh(text: string): Project {
  const project = new Project(new OverlayHost());
  project.addFolder(root);
  project.host.setBuffer(edited, text);
  return project;
}

describe("re-checking after edits", () => {
  it("publishes what a fresh project publishes, after every edit", () => {
    const project = fresh(original);
    project.checkedSnapshot();
    let text = original;
    for (const edit of EDITS) {
      text = edit(text);
      project.host.setBuffer(edited, text);
      const incremental = project.checkedSnapshot().byFile;
      const full = fresh(text).checkedSnapshot().byFile;
      expect([...incremental.keys()].sort()).toEqual([...full.keys()].sort());
      for (const [file, diags] of full) expect(incremental.get(file), path.basename(file)).toEqual(diags);
    }
  });
});
