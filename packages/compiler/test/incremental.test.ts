// compileIncremental must give exactly what compileWorkspace gives (LSP contract): a
// differential property test applies random edits to real and generated workspaces, re-loads
// only the edited file (unchanged files keep their AST objects, as in the language server) and
// compares the incremental result with a full compile after every edit.

import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { loadWorkspace, type ParsedFile, type Workspace } from "@archc/dsl";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateSystem } from "../../../bench/generate.js";
import { SHARED_TABLES } from "../src/incremental/structural-share.js";
import {
  type Compilation,
  compileIncremental,
  compileWorkspace,
  MEMORY_ROOT,
  memoryHost,
  reuseStats,
} from "../src/index.js";

const EXAMPLES = fileURLToPath(new URL("../../../examples/", import.meta.url));

function readExample(name: string): Record<string, string> {
  const dir = path.join(EXAMPLES, name);
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith(".arch"))
        out[path.relative(dir, full).split(path.sep).join("/")] = readFileSync(full, "utf8");
    }
  };
  walk(dir);
  return out;
}

/** A workspace over in-memory files whose unchanged files keep their parsed ASTs. */
class EditableWorkspace {
  private readonly cache = new Map<string, ParsedFile>();
  constructor(readonly files: Record<string, string>) {}
  load(): Workspace {
    const entries = Object.keys(this.files)
      .sort()
      .map((f) => path.resolve(MEMORY_ROOT, f));
    return loadWorkspace(entries, { root: MEMORY_ROOT, host: memoryHost(this.files), cache: this.cache });
  }
}

type Edit =
  | { kind: "insert"; file: number; at: number; text: string }
  | { kind: "delete"; file: number; at: number; length: number }
  | { kind: "rename"; file: number; which: number; to: string }
  | { kind: "delete-decl"; file: number; which: number }
  | { kind: "edit-string"; file: number; which: number; text: string };

const TOKENS = [
  "}",
  "{",
  " ",
  "\n",
  ":",
  "->",
  "x",
  "9",
  '"',
  "op q: Q -> R",
  "api v9 {",
  "service",
  "calls ",
  "uses ",
  "unit",
  "string",
  "!",
  ";",
  "&",
  "*",
  "v1.",
];

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant("insert" as const),
    file: fc.nat(),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ minLength: 1, maxLength: 1 })),
  }),
  fc.record({
    kind: fc.constant("delete" as const),
    file: fc.nat(),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({
    kind: fc.constant("rename" as const),
    file: fc.nat(),
    which: fc.nat(),
    to: fc.constantFrom("renamed", "Renamed", "string", "v2", "orders"),
  }),
  fc.record({ kind: fc.constant("delete-decl" as const), file: fc.nat(), which: fc.nat() }),
  fc.record({
    kind: fc.constant("edit-string" as const),
    file: fc.nat(),
    which: fc.nat(),
    text: fc.constantFrom("", "/x/{id}", "{", "v", "team"),
  }),
);

/** Applies an edit to the text of one file; declarations and names come from its current AST. */
function applyEdit(ws: EditableWorkspace, current: Workspace, edit: Edit): void {
  const names = Object.keys(ws.files).sort();
  const file = names[edit.file % names.length];
  const text = ws.files[file];
  const parsed = current.files.find((f) => f.file === file);
  const decls = parsed?.ast.decls ?? [];
  switch (edit.kind) {
    case "insert": {
      const at = edit.at % (text.length + 1);
      ws.files[file] = text.slice(0, at) + edit.text + text.slice(at);
      return;
    }
    case "delete": {
      const at = edit.at % (text.length + 1);
      ws.files[file] = text.slice(0, at) + text.slice(at + edit.length);
      return;
    }
    case "rename": {
      const named = decls.filter((d) => "name" in d && d.name !== undefined && d.name.text !== "");
      if (named.length === 0) return;
      const d = named[edit.which % named.length] as { name: { text: string } };
      const pattern = new RegExp(`\\b${d.name.text.replace(/[-]/g, "\\-")}\\b`, "g");
      // In one file only: references elsewhere now dangle, or point to the new name by chance.
      ws.files[file] = text.replace(pattern, edit.to);
      return;
    }
    case "delete-decl": {
      if (decls.length === 0) return;
      const d = decls[edit.which % decls.length];
      ws.files[file] = text.slice(0, d.span.start) + text.slice(d.span.end);
      return;
    }
    case "edit-string": {
      const quotes: number[] = [];
      for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) quotes.push(i);
      if (quotes.length < 2) return;
      const k = (edit.which % Math.floor(quotes.length / 2)) * 2;
      ws.files[file] = text.slice(0, quotes[k] + 1) + edit.text + text.slice(quotes[k + 1]);
      return;
    }
  }
}

function expectSameAsFull(incremental: ReturnType<typeof compileWorkspace>, ws: Workspace): void {
  const full = compileWorkspace(ws);
  // JSON text: deep equality with key order, as consumers serialise it.
  expect(JSON.stringify(incremental.model)).toBe(JSON.stringify(full.model));
  expect(incremental.diagnostics).toEqual(full.diagnostics);
}

/** The structural-sharing contract: an entry equal to the previous Model's is that object. */
function expectSharedWithPrevious(previous: Compilation, next: Compilation): void {
  for (const table of SHARED_TABLES) {
    const before = previous.model[table] as Record<string, unknown>;
    const after = next.model[table] as Record<string, unknown>;
    for (const name of Object.keys(after)) {
      if (!Object.hasOwn(before, name)) continue;
      if (JSON.stringify(before[name]) === JSON.stringify(after[name]))
        expect(after[name], `${table} ${name}`).toBe(before[name]);
    }
  }
}

const WORKSPACES: [string, () => Record<string, string>][] = [
  ["shop", () => readExample("shop")],
  ["sock-shop", () => readExample("sock-shop")],
  ["generated 40 services", () => Object.fromEntries(generateSystem({ services: 40, seed: 7 }).files)],
];

describe("compileIncremental", () => {
  for (const [label, files] of WORKSPACES) {
    it(`equals a full compile after every random edit (${label})`, () => {
      fc.assert(
        fc.property(fc.array(editArb, { minLength: 1, maxLength: 8 }), (edits) => {
          const ws = new EditableWorkspace(files());
          let current = ws.load();
          let previous = compileIncremental(undefined, current);
          expectSameAsFull(previous, current);
          for (const edit of edits) {
            applyEdit(ws, current, edit);
            current = ws.load();
            const next = compileIncremental(previous, current);
            expectSameAsFull(next, current);
            expectSharedWithPrevious(previous, next);
            previous = next;
          }
        }),
        { seed: 20240611, numRuns: label.startsWith("generated") ? 25 : 40 },
      );
    });
  }

  it("reuses unchanged services and shares unchanged entries by identity", () => {
    const files = Object.fromEntries(generateSystem({ services: 40, seed: 7 }).files);
    const ws = new EditableWorkspace(files);
    const first = compileIncremental(undefined, ws.load());
    const servicesFile = Object.keys(files).find((f) => f.startsWith("services/")) as string;
    // Edit one character of a description, in a comment-like position that changes no service.
    ws.files[servicesFile] = files[servicesFile].replace("synthetic", "synthetiq");
    const second = compileIncremental(first, ws.load());
    expectSameAsFull(second, ws.load());
    const typesFile = Object.keys(files).find((f) => f.startsWith("types/types-")) as string;
    ws.files[typesFile] = `${files[typesFile]}\n`;
    const third = compileIncremental(second, ws.load());
    expectSameAsFull(third, ws.load());
    // The types file changed only at its end: every service kept its build and links.
    const stats = reuseStats(third);
    expect(stats?.reused).toBe(Object.keys(third.model.services).length);
    expect(stats?.builtFresh).toBe(0);
    for (const name of Object.keys(third.model.services))
      expect(third.model.services[name]).toBe(second.model.services[name]);
    for (const id of Object.keys(third.model.ops)) expect(third.model.ops[id]).toBe(second.model.ops[id]);
    // Types re-parsed with equal content are shared with the previous Model too.
    for (const name of Object.keys(third.model.types))
      expect(third.model.types[name]).toBe(second.model.types[name]);
  });

  it("moves the services below an edit in their file instead of building them again", () => {
    const files = Object.fromEntries(generateSystem({ services: 40, seed: 7 }).files);
    const ws = new EditableWorkspace(files);
    const first = compileIncremental(undefined, ws.load());
    const servicesFile = Object.keys(files).find((f) => f.startsWith("services/")) as string;
    const inFile = Object.values(first.model.services).filter((s) => s.span.file === servicesFile);
    // One character typed into the first service's owner: every later service moves by one.
    const original = files[servicesFile];
    const at = original.indexOf('owner "') + 'owner "'.length;
    ws.files[servicesFile] = `${original.slice(0, at)}x${original.slice(at)}`;
    const second = compileIncremental(first, ws.load());
    expectSameAsFull(second, ws.load());
    expect(reuseStats(second)).toMatchObject({ builtFresh: 1, moved: inFile.length - 1 });
    // The edit changes no call, use or event: the index tables are the previous ones.
    expect(second.model.index.callees).toBe(first.model.index.callees);
    expect(second.model.index.opCallers).toBe(first.model.index.opCallers);
    // Deleting it again moves them back.
    ws.files[servicesFile] = original;
    const third = compileIncremental(second, ws.load());
    expectSameAsFull(third, ws.load());
    expect(reuseStats(third)).toMatchObject({ builtFresh: 1, moved: inFile.length - 1 });
  });

  it("builds again a service whose text moved to another column, or whose doc comment changed", () => {
    const files = {
      "a.arch": [
        "type T { id: string }",
        "service a { api v1 { op f: T -> T } } service b { api v1 { op g: T -> T } }",
        "/// c",
        "service c { api v1 { op h: T -> T } }",
        "",
      ].join("\n"),
    };
    const ws = new EditableWorkspace(files);
    const first = compileIncremental(undefined, ws.load());
    expect(first.diagnostics).toEqual([]);
    // `b` starts one column later; `c` moves by one character, its doc comment changes.
    ws.files["a.arch"] = files["a.arch"].replace("service a {", "service aa {").replace("/// c", "/// ");
    const second = compileIncremental(first, ws.load());
    expectSameAsFull(second, ws.load());
    expect(reuseStats(second)).toMatchObject({ builtFresh: 3, moved: 0 });
  });

  it("rebuilds the callers of a service whose API changed", () => {
    const files = {
      "a.arch": "type T { id: string }\nservice a { api v1 { op f: T -> T } }\n",
      "b.arch": "service b { calls a.f }\n",
    };
    const ws = new EditableWorkspace(files);
    const first = compileIncremental(undefined, ws.load());
    expect(first.diagnostics).toEqual([]);
    ws.files["a.arch"] = "type T { id: string }\nservice a { api v1 { op g: T -> T } }\n";
    const second = compileIncremental(first, ws.load());
    expectSameAsFull(second, ws.load());
    expect(second.diagnostics.map((d) => d.code)).toEqual(["E0203"]);
    expect(reuseStats(second)).toMatchObject({ builtFresh: 1, buildReused: 1, relinked: 1, reused: 0 });
  });

  it("rebuilds a service whose path parameter names a field that was renamed in another file", () => {
    const files = {
      "t.arch": "type R { id: string }\n",
      "s.arch": 'type Q { id: string }\nservice s { api v1 { op g: R -> R  GET "/r/{id}" } }\n',
    };
    const ws = new EditableWorkspace(files);
    const first = compileIncremental(undefined, ws.load());
    expect(first.diagnostics).toEqual([]);
    ws.files["t.arch"] = "type R { key: string }\n";
    const second = compileIncremental(first, ws.load());
    expectSameAsFull(second, ws.load());
    expect(second.diagnostics.map((d) => d.code)).toEqual(["E0503"]);
    expect(reuseStats(second)).toMatchObject({ builtFresh: 1, buildReused: 0 });
  });

  it("reuses records and enums of unchanged files, and rebuilds one whose looked-up name changed kind", () => {
    const files = {
      "k.arch": "enum K { a, b }\n",
      "r.arch": "type R { m: map<K, string> }\ntype P { id: string }\n",
      "u.arch": "type U { r: R }\n",
    };
    const ws = new EditableWorkspace(files);
    const first = compileIncremental(undefined, ws.load());
    expect(first.diagnostics).toEqual([]);
    // An edit that changes no declaration of k.arch: every type is reused as is, K (re-parsed)
    // because its previous declaration has the same text at the same place.
    ws.files["k.arch"] = "enum K { a, b }\n\n";
    const second = compileIncremental(first, ws.load());
    expectSameAsFull(second, ws.load());
    expect(reuseStats(second)).toMatchObject({ typesBuilt: 0, typesReused: 4 });
    for (const name of ["R", "P", "U"]) expect(second.model.types[name]).toBe(first.model.types[name]);
    // K becomes a record: R (same declaration, in an unchanged file) must be checked again.
    ws.files["k.arch"] = "type K { a: string }\n";
    const third = compileIncremental(second, ws.load());
    expectSameAsFull(third, ws.load());
    expect(third.diagnostics.map((d) => d.code)).toEqual(["E0306"]);
    expect(reuseStats(third)).toMatchObject({ typesBuilt: 2, typesReused: 2 });
  });

  it("rebuilds a record when another file now declares the name it looked up first", () => {
    const files = {
      "a.arch": "type A { x: string }\n",
      "b.arch": "type B { k: map<K, string> }\n",
      "c.arch": "enum K { a }\n",
      "main.arch": 'import "a.arch"\nimport "b.arch"\nimport "c.arch"\n',
    };
    const ws = new EditableWorkspace(files);
    const first = compileIncremental(undefined, ws.load());
    expect(first.diagnostics).toEqual([]);
    // a.arch, loaded before c.arch, now declares K as a record: the first declaration wins.
    ws.files["a.arch"] = "type A { x: string }\ntype K { y: string }\n";
    const second = compileIncremental(first, ws.load());
    expectSameAsFull(second, ws.load());
    expect(second.diagnostics.map((d) => d.code).sort()).toEqual(["E0201", "E0306"]);
  });

  it("links again a consumer of an event whose payload changed in another file", () => {
    const files = {
      "e.arch": "type P { id: string }\ntype Q { key: string }\nevent E: P\n",
      "s.arch": 'service s {\n  api v1 { op on-e: P -> unit  POST "/e" }\n  consumes E -> on-e\n}\n',
    };
    const ws = new EditableWorkspace(files);
    const first = compileIncremental(undefined, ws.load());
    expect(first.diagnostics).toEqual([]);
    ws.files["e.arch"] = "type P { id: string }\ntype Q { key: string }\nevent E: Q\n";
    const second = compileIncremental(first, ws.load());
    expectSameAsFull(second, ws.load());
    expect(second.diagnostics.length).toBeGreaterThan(0);
    expect(reuseStats(second)).toMatchObject({ buildReused: 1, relinked: 1, reused: 0 });
  });

  it("reuses flows and infrastructure of unchanged files, and rebuilds a flow whose op changed in another file", () => {
    const files = {
      "a.arch": "type T { id: string }\nservice a { api v1 { op f: T -> T } }\n",
      "f.arch": "broker bus: kafka\ntopic t on bus\nevent E: T on t\nflow g: T -> T = a.f {\n  by a\n}\n",
    };
    const ws = new EditableWorkspace(files);
    const first = compileIncremental(undefined, ws.load());
    expect(first.diagnostics).toEqual([]);
    // Only a.arch changes, in a way no entry of f.arch can see: all four are the previous objects.
    ws.files["a.arch"] = `${files["a.arch"]}\n`;
    const second = compileIncremental(first, ws.load());
    expectSameAsFull(second, ws.load());
    expect(reuseStats(second)).toMatchObject({ declsBuilt: 0, declsReused: 4 });
    expect(second.model.flows.g).toBe(first.model.flows.g);
    expect(second.model.events.E).toBe(first.model.events.E);
    // The op's codomain changes: the flow (same declaration) is typed again and now mismatches.
    ws.files["a.arch"] = "type T { id: string }\nservice a { api v1 { op f: T -> string } }\n";
    const third = compileIncremental(second, ws.load());
    expectSameAsFull(third, ws.load());
    expect(third.diagnostics.map((d) => d.code)).toEqual(["E0303"]);
    expect(reuseStats(third)).toMatchObject({ declsBuilt: 1, declsReused: 3 });
  });

  it("rebuilds a flow of an unchanged file whose service (unchanged file) was rebuilt with another op type", () => {
    const files = {
      "t.arch": "type T { id: string }\n",
      "a.arch": "service a { api v1 { op f: T -> T } }\n",
      "f.arch": "flow g = a.f\n",
    };
    const ws = new EditableWorkspace(files);
    const first = compileIncremental(undefined, ws.load());
    expect(first.diagnostics).toEqual([]);
    // T becomes an alias of string: `a` (same declaration) resolves its op to string -> string,
    // and the flow, which names only `a`, must be typed again.
    ws.files["t.arch"] = "type T = string\n";
    const second = compileIncremental(first, ws.load());
    expectSameAsFull(second, ws.load());
    const op = second.model.ops["a.v1.f"];
    expect(second.model.flows.g.type).toEqual({ domain: op.domain, codomain: op.codomain });
    expect(reuseStats(second)).toMatchObject({ builtFresh: 1, declsBuilt: 1 });
  });

  it("keeps the infrastructure tables whole while no type changes, and rebuilds an event whose payload type did", () => {
    const files = {
      "t.arch": "type T { id: string }\n",
      "e.arch": "broker bus: kafka\ntopic t on bus\nevent E: T on t\nstore db: postgres\n",
      "s.arch": "service s { api v1 { op f: T -> T } }\n",
    };
    const ws = new EditableWorkspace(files);
    const first = compileIncremental(undefined, ws.load());
    expect(first.diagnostics).toEqual([]);
    ws.files["s.arch"] = "service s { api v1 { op g: T -> T } }\n";
    const second = compileIncremental(first, ws.load());
    expectSameAsFull(second, ws.load());
    expect(second.model.events).toBe(first.model.events);
    expect(second.model.stores).toBe(first.model.stores);
    // T becomes an alias of string: the event (same declaration) now carries a string.
    ws.files["t.arch"] = "type T = string\n";
    const third = compileIncremental(second, ws.load());
    expectSameAsFull(third, ws.load());
    expect(third.model.events.E.payload).toEqual({ kind: "prim", name: "string" });
  });

  it("replays the topic-key check on kept tables, and runs it again when a payload type changes", () => {
    const files = {
      "t.arch": "type P { id: string }\n",
      "e.arch": "broker bus: kafka\ntopic t on bus { key customer }\nevent E: P on t\n",
      "s.arch": "service s { api v1 { op f: P -> P } }\n",
    };
    const ws = new EditableWorkspace(files);
    const first = compileIncremental(undefined, ws.load());
    expect(first.diagnostics.map((d) => d.code)).toEqual(["E0502"]);
    ws.files["s.arch"] = "service s { api v1 { op g: P -> P } }\n";
    const second = compileIncremental(first, ws.load());
    expectSameAsFull(second, ws.load());
    expect(second.model.events).toBe(first.model.events);
    ws.files["t.arch"] = "type P { id: string, customer: string }\n";
    const third = compileIncremental(second, ws.load());
    expectSameAsFull(third, ws.load());
    expect(third.diagnostics).toEqual([]);
  });

  it("keeps apart what two compilations made from the same previous one", () => {
    const files = {
      "t.arch": "type T = int\n",
      "a.arch": "service a { api v1 { op f: T -> T } }\n",
      "x.arch": "type X { id: string }\n",
    };
    const ws = new EditableWorkspace(files);
    const first = compileIncremental(undefined, ws.load());
    ws.files["x.arch"] = "type X { id: string }\n\n";
    const mainLine = ws.load();
    const second = compileIncremental(first, mainLine);
    // A branch from `first` in which `a` (same tree of a.arch) is built against another T.
    ws.files["t.arch"] = "type T = string\n";
    const branch = compileIncremental(first, ws.load());
    expectSameAsFull(branch, ws.load());
    // Back on the main line: `a` must come from `second`, not from the branch.
    const third = compileIncremental(second, mainLine);
    expectSameAsFull(third, mainLine);
    expect(third.model.ops["a.v1.f"]).toBe(second.model.ops["a.v1.f"]);
  });

  it("falls back to a full compile after a plain compileWorkspace", () => {
    const ws = new EditableWorkspace(readExample("shop"));
    const plain = compileWorkspace(ws.load());
    const next = compileIncremental(plain, ws.load());
    expect(reuseStats(next)).toMatchObject({ buildReused: 0 });
    expectSameAsFull(next, ws.load());
  });
});
