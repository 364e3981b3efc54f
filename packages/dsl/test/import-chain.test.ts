import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadWorkspace, type SourceHost } from "../src/index.js";

/** An in-memory host: `files` maps absolute paths to text. */
function memoryHost(files: Map<string, string>): SourceHost {
  return {
    read: (abs, file) =>
      files.has(abs)
        ? { ok: true, text: files.get(abs)! }
        : {
            ok: false,
            diagnostic: {
              code: "E0001",
              severity: "error",
              message: `file not found: ${file}`,
              span: { file, start: 0, end: 0, line: 1, col: 1, endLine: 1, endCol: 1 },
              related: [],
            },
          },
    exists: (abs) => files.has(abs),
  };
}

describe("a long chain of imports", () => {
  it("loads 20,000 files each importing the next without exhausting the stack", () => {
    const root = path.resolve("/virtual/chain");
    const files = new Map<string, string>();
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const next = i + 1 < n ? `import "./f${i + 1}.arch"\n` : `import "./f0.arch"\n`; // the last closes a cycle
      files.set(path.join(root, `f${i}.arch`), `${next}type T${i} { a: int }\n`);
    }
    const ws = loadWorkspace([path.join(root, "f0.arch")], { root, host: memoryHost(files) });
    expect(ws.files).toHaveLength(n);
    expect(ws.files.map((f) => f.file).slice(0, 3)).toEqual(["f0.arch", "f1.arch", "f2.arch"]);
    expect(ws.files[n - 1].imports).toEqual(["f0.arch"]);
    expect(ws.files.flatMap((f) => f.diagnostics)).toEqual([]);
  });

  it("reports a missing file once even when several files import it", () => {
    const root = path.resolve("/virtual/missing");
    const files = new Map([
      [path.join(root, "a.arch"), 'import "./b.arch"\nimport "./c.arch"\n'],
      [path.join(root, "b.arch"), 'import "./c.arch"\n'],
    ]);
    const ws = loadWorkspace([path.join(root, "a.arch")], { root, host: memoryHost(files) });
    const missing = ws.files.flatMap((f) => f.diagnostics).filter((d) => d.code === "E0001");
    expect(missing.map((d) => d.span.file).sort()).toEqual(["a.arch", "b.arch"]);
  });
});

describe("several entries", () => {
  it("walks a file's imports once when it is both an entry and another entry's import", () => {
    const root = path.resolve("/virtual/entries");
    const files = new Map([
      [path.join(root, "a.arch"), 'import "./b.arch"\n'],
      [path.join(root, "b.arch"), 'import "./c.arch"\nimport "./missing.arch"\n'],
      [path.join(root, "c.arch"), "type C { x: int }\n"],
    ]);
    const host = {
      read: (abs: string, file: string) =>
        files.has(abs)
          ? { ok: true as const, text: files.get(abs)! }
          : {
              ok: false as const,
              diagnostic: {
                code: "E0001",
                severity: "error" as const,
                message: `file not found: ${file}`,
                span: { file, start: 0, end: 0, line: 1, col: 1, endLine: 1, endCol: 1 },
                related: [],
              },
            },
      exists: (abs: string) => files.has(abs),
    };
    const entries = ["a.arch", "b.arch", "c.arch"].map((f) => path.join(root, f));
    const ws = loadWorkspace(entries, { root, host });
    expect(ws.files.map((f) => f.file)).toEqual(["a.arch", "b.arch", "c.arch"]);
    const b = ws.files.find((f) => f.file === "b.arch")!;
    expect(b.imports).toEqual(["c.arch"]);
    expect(b.diagnostics.map((d) => d.code)).toEqual(["E0001"]);
  });
});
