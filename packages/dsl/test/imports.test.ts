// Imports: relative and transitive loading, cycles, missing files, and the workspace root as a
// hard boundary (a path or a symlink that escapes it is refused and never read).

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diskHost, loadWorkspace, type SourceHost, workspaceDiagnostics } from "../src/workspace.js";
import { listDiagnostics } from "./helpers.js";

const base = mkdtempSync(path.join(tmpdir(), "archc-imports-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Writes `files` (relative path → text) under a fresh folder and returns its path. */
function tree(name: string, files: Record<string, string>): string {
  const dir = path.join(base, name);
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return dir;
}

/** A disk host that records every file it is asked to read. */
function recordingHost(): SourceHost & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read(absolutePath, file) {
      reads.push(absolutePath);
      return diskHost.read(absolutePath, file);
    },
  };
}

describe("imports", () => {
  it("loads relative imports transitively, each file once, entry first", () => {
    const root = tree("transitive", {
      "main.arch": 'import "./types.arch"\nimport "./services/orders.arch"\nservice gateway { }',
      "types.arch": "type Order { id: uuid }",
      "services/orders.arch": 'import "../types.arch"\nimport "./payments.arch"\nservice orders { }',
      "services/payments.arch": "service payments { }",
    });
    const ws = loadWorkspace([path.join(root, "main.arch")]);
    expect(listDiagnostics(workspaceDiagnostics(ws))).toBe("");
    expect(ws.root).toBe(root);
    expect(ws.entries).toEqual(["main.arch"]);
    expect(ws.files.map((f) => f.file)).toEqual([
      "main.arch",
      "types.arch",
      "services/orders.arch",
      "services/payments.arch",
    ]);
    expect(ws.files.find((f) => f.file === "services/orders.arch")?.imports).toEqual([
      "types.arch",
      "services/payments.arch",
    ]);
    // Spans carry the root-relative path.
    expect(ws.files[2].ast.decls[0].span.file).toBe("services/orders.arch");
  });

  it("allows import cycles and reads each file once", () => {
    const root = tree("cycle", {
      "a.arch": 'import "./b.arch"\nservice a { }',
      "b.arch": 'import "./c.arch"\nservice b { }',
      "c.arch": 'import "./a.arch"\nimport "./c.arch"\nservice c { }',
    });
    const host = recordingHost();
    const ws = loadWorkspace([path.join(root, "a.arch")], { host });
    expect(workspaceDiagnostics(ws)).toEqual([]);
    expect(ws.files.map((f) => f.file)).toEqual(["a.arch", "b.arch", "c.arch"]);
    expect(ws.files[2].imports).toEqual(["a.arch", "c.arch"]);
    expect(host.reads.map((r) => path.basename(r))).toEqual(["a.arch", "b.arch", "c.arch"]);
  });

  it("reports a missing file as E0001 at the import's string", () => {
    const root = tree("missing", { "main.arch": 'type T { }\nimport "./nope.arch"\nservice s { }' });
    const ws = loadWorkspace([path.join(root, "main.arch")]);
    const diags = workspaceDiagnostics(ws);
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({
      code: "E0001",
      span: { file: "main.arch", start: 18, end: 31, line: 2, col: 8, endLine: 2, endCol: 21 },
    });
    expect(diags[0].message).toContain("nope.arch");
    expect(ws.files[0].ast.decls).toHaveLength(2);
  });

  it("refuses an import that leaves the root (E0002) and never reads it", () => {
    const root = tree("escape/project", {
      "main.arch": 'import "../../etc/passwd"\nimport "../secret.arch"\nservice s { }',
    });
    writeFileSync(path.join(base, "escape", "secret.arch"), "service secret { }");
    const host = recordingHost();
    const ws = loadWorkspace([path.join(root, "main.arch")], { host });
    const diags = workspaceDiagnostics(ws);
    expect(diags.map((d) => [d.code, d.span.line, d.span.col])).toEqual([
      ["E0002", 1, 8],
      ["E0002", 2, 8],
    ]);
    expect(diags[0].message).toContain("leaves the workspace root");
    expect(host.reads).toEqual([path.join(root, "main.arch")]);
    expect(ws.files.map((f) => f.file)).toEqual(["main.arch"]);
  });

  it("refuses a symlink that points outside the root, and never reads its target", () => {
    const outside = tree("symlink/outside", { "secret.arch": "service secret { }" });
    const root = tree("symlink/project", {
      "main.arch": 'import "./link.arch"\nimport "./linked-dir/secret.arch"\nservice s { }',
    });
    symlinkSync(path.join(outside, "secret.arch"), path.join(root, "link.arch"));
    symlinkSync(outside, path.join(root, "linked-dir"));
    const host = recordingHost();
    const ws = loadWorkspace([path.join(root, "main.arch")], { host });
    expect(workspaceDiagnostics(ws).map((d) => [d.code, d.span.line])).toEqual([
      ["E0002", 1],
      ["E0002", 2],
    ]);
    expect(host.reads).toEqual([path.join(root, "main.arch")]);
  });

  it("follows a symlink that stays inside the root", () => {
    const root = tree("symlink-inside", {
      "main.arch": 'import "./alias.arch"\nservice s { }',
      "real/types.arch": "type T { }",
    });
    symlinkSync(path.join(root, "real", "types.arch"), path.join(root, "alias.arch"));
    const ws = loadWorkspace([path.join(root, "main.arch")]);
    expect(workspaceDiagnostics(ws)).toEqual([]);
    expect(ws.files.map((f) => f.file)).toEqual(["main.arch", "alias.arch"]);
  });

  it("accepts a root given explicitly that is wider than the entry's folder", () => {
    const root = tree("wide-root", {
      "app/main.arch": 'import "../shared/types.arch"\nservice s { }',
      "shared/types.arch": "type T { }",
    });
    const narrow = loadWorkspace([path.join(root, "app", "main.arch")]);
    expect(workspaceDiagnostics(narrow).map((d) => d.code)).toEqual(["E0002"]);
    const wide = loadWorkspace([path.join(root, "app", "main.arch")], { root });
    expect(workspaceDiagnostics(wide)).toEqual([]);
    expect(wide.files.map((f) => f.file)).toEqual(["app/main.arch", "shared/types.arch"]);
  });

  it("keeps a file whose name merely starts with two dots inside the root", () => {
    const root = tree("dotdot-name", {
      "main.arch": 'import "./..types.arch"\nservice s { }',
      "..types.arch": "type T { }",
    });
    const ws = loadWorkspace([path.join(root, "main.arch")]);
    expect(workspaceDiagnostics(ws)).toEqual([]);
    expect(ws.files.map((f) => f.file)).toEqual(["main.arch", "..types.arch"]);
  });

  it("reports a missing entry file as E0001", () => {
    const root = tree("missing-entry", { "other.arch": "type T { }" });
    const ws = loadWorkspace([path.join(root, "main.arch")]);
    expect(ws.files).toEqual([]);
    expect(ws.diagnostics.map((d) => d.code)).toEqual(["E0001"]);
  });
});
