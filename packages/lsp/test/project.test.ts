// The incremental core without a client: an edit re-parses only the edited file, and a
// compilation none of whose files changed is not compiled or checked again.

import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { Project } from "../src/workspace/project.js";
import { OverlayHost } from "../src/workspace/source-host.js";
import { fixtures } from "./support/lsp-client.js";

const root = path.join(fixtures, "shop");
const main = path.join(root, "main.arch");
const types = path.join(root, "types.arch");

function setup(): Project {
  const project = new Project(new OverlayHost());
  project.addFolder(root);
  return project;
}

describe("Project", () => {
  it("groups the folder's files into compilations from import roots", () => {
    const snap = setup().snapshot();
    expect(snap.compilations.map((c) => path.basename(c.entry))).toEqual(["main.arch"]);
    expect([...snap.compilations[0].files].map((f) => path.basename(f)).sort()).toEqual([
      "main.arch",
      "payments.arch",
      "types.arch",
    ]);
  });

  it("re-parses only the edited file", () => {
    const project = setup();
    const before = project.snapshot().compilations[0].workspace.files;
    project.host.setBuffer(main, `${readFileSync(main, "utf8")}\n// edited\n`);
    const after = project.snapshot().compilations[0].workspace.files;
    const tree = (files: typeof before, name: string) => files.find((f) => f.absolutePath === name)?.ast;
    expect(tree(after, main)).not.toBe(tree(before, main));
    expect(tree(after, types)).toBe(tree(before, types));
    expect(tree(after, path.join(root, "payments.arch"))).toBe(
      tree(before, path.join(root, "payments.arch")),
    );
  });

  it("does not compile or check again while no tree changed", () => {
    const project = setup();
    const first = project.checkedSnapshot();
    // A new buffer with the same text: a new generation, but identical trees.
    project.host.setBuffer(types, readFileSync(types, "utf8"));
    project.host.invalidate(main);
    const second = project.checkedSnapshot();
    expect(second).not.toBe(first);
    expect(second.compilations[0].model).toBe(first.compilations[0].model);
    project.host.setBuffer(types, `${readFileSync(types, "utf8")}\ntype Extra { x: int }\n`);
    const third = project.checkedSnapshot();
    expect(third.compilations[0].model).not.toBe(first.compilations[0].model);
    expect(Object.keys(third.compilations[0].model?.types ?? {})).toContain("Extra");
  });

  it("keeps a file's diagnostics array while its diagnostics are unchanged", () => {
    const project = setup();
    const payments = path.join(root, "payments.arch");
    const first = project.checkedSnapshot().byFile;
    const mainText = readFileSync(main, "utf8");
    // A comment at the end: everything is compiled and checked again, nothing changes.
    project.host.setBuffer(main, `${mainText}\n// edited\n`);
    const second = project.checkedSnapshot().byFile;
    for (const file of [main, types, payments]) expect(second.get(file)).toBe(first.get(file));
    // A duplicate declaration in main.arch: main's list changes, the others' stay the same arrays.
    project.host.setBuffer(main, `${mainText}\ntype Extra { x: int }\ntype Extra { y: int }\n`);
    const third = project.checkedSnapshot().byFile;
    expect(third.get(main)).not.toBe(first.get(main));
    expect(third.get(main)?.some((d) => d.severity === "error")).toBe(true);
    expect(third.get(types)).toBe(first.get(types));
    expect(third.get(payments)).toBe(first.get(payments));
    // Back to the original text: equal to the first round again (a fresh, equal list).
    project.host.setBuffer(main, mainText);
    expect(project.checkedSnapshot().byFile.get(main)).toEqual(first.get(main));
  });

  it("keeps a file whose imports form a cycle in a compilation of its own", () => {
    const project = new Project(new OverlayHost());
    const dir = path.join(fixtures, "cycle");
    project.addFolder(dir);
    const snap = project.checkedSnapshot();
    expect(snap.compilations).toHaveLength(1);
    expect(path.basename(snap.compilations[0].entry)).toBe("a.arch");
    expect(snap.compilations[0].files.size).toBe(2);
    expect([...snap.byFile.values()].flat().filter((d) => d.severity === "error")).toEqual([]);
  });
});

describe("compilations derived from one load of the folder", () => {
  it("equal what loadWorkspace([entry], { root }) loads, for every entry", async () => {
    const { loadWorkspace } = await import("@archc/dsl");
    const { loadCompilations } = await import("../src/workspace/compilations.js");
    const { expandEntries } = await import("@archc/dsl");
    for (const dir of [
      path.join(fixtures, "shop"),
      path.join(fixtures, "cycle"),
      path.join(fixtures, "..", "..", "..", "..", "examples", "shop"),
    ]) {
      const host = new OverlayHost();
      const derived = loadCompilations(dir, expandEntries([dir]), host, new Map());
      expect(derived.length).toBeGreaterThan(0);
      for (const c of derived) {
        const direct = loadWorkspace([c.entry], { root: dir, host });
        const shape = (ws: typeof direct) => ({
          root: ws.root,
          entries: ws.entries,
          diagnostics: ws.diagnostics,
          files: ws.files.map((f) => ({
            file: f.file,
            imports: f.imports,
            diagnostics: f.diagnostics,
            text: f.text,
          })),
        });
        expect(shape(c.workspace)).toEqual(shape(direct));
      }
    }
  });
});

describe("report", () => {
  it("draws its own diagram when given none, from the Model", async () => {
    const { reportHtml } = await import("../src/features/report.js");
    const project = setup();
    const c = project.checkedSnapshot().compilations[0];
    const html = reportHtml({ model: c.model, diagnostics: c.diagnostics, entry: "main.arch" });
    expect(html.match(/<g class="service">/g)).toHaveLength(3);
    expect(html.match(/<g class="store">/g)).toHaveLength(1);
    expect(html).toContain("<title>orders calls payments</title>");
    expect(html).toContain("<td>orders-db</td><td>postgres</td>");
  });
});
