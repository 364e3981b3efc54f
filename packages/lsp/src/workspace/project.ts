// The server's view of the user's .arch files: which files exist, which compile together, and
// their parse, compile and check results. Each snapshot reuses what did not change: a file's
// syntax tree while its text is the same (the parse cache of `loadWorkspace`), and a
// compilation's Model and findings while none of its files' trees changed.

import * as path from "node:path";
import {
  type Diagnostic,
  expandEntries,
  type ParsedFile,
  type SourceFileAst,
  type Workspace,
  workspaceDiagnostics,
} from "@archc/dsl";
import { RuleMemo } from "@archc/checker";
import type { Model } from "@archc/compiler";
import { SymbolTable } from "../symbols/symbol-table.js";
import { loadCompilations } from "./compilations.js";
import { dedupe } from "./dedupe.js";
import { DiagnosticsByFile } from "./diagnostics-by-file.js";
import { type CompileOutput, pipeline } from "./pipeline.js";
import type { OverlayHost } from "./source-host.js";

export interface Compilation {
  readonly folder: string;
  readonly entry: string;
  readonly workspace: Workspace;
  readonly table: SymbolTable;
  /** Absolute paths of the files in this compilation. */
  readonly files: ReadonlySet<string>;
}

export interface CheckedCompilation extends Compilation {
  /** Absent only when a stage threw (an archc bug, reported as a diagnostic). */
  readonly model?: Model;
  /** Parse, compile and rule diagnostics, deduplicated, in source order. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface IndexSnapshot {
  readonly generation: number;
  readonly compilations: readonly Compilation[];
}

export interface CheckedSnapshot {
  readonly generation: number;
  readonly compilations: readonly CheckedCompilation[];
  /**
   * Diagnostics per absolute file path (every known file has an entry, possibly empty). A
   * file whose diagnostics did not change keeps the very array of the previous snapshot.
   */
  readonly byFile: ReadonlyMap<string, readonly Diagnostic[]>;
}

/** A change to the project's files, replayable on another project (the checker thread's). */
export type ProjectChange =
  | { readonly op: "addFolder"; readonly path: string }
  | { readonly op: "removeFolder"; readonly path: string }
  | { readonly op: "addFile"; readonly path: string }
  | { readonly op: "removeFile"; readonly path: string };

export class Project {
  private readonly folders = new Map<string, Set<string>>();
  private readonly parseCache = new Map<string, ParsedFile>();
  private readonly byFile = new DiagnosticsByFile();
  private structure = 0;
  private index: { key: string; snap: IndexSnapshot } | undefined;
  private checked: { key: string; snap: CheckedSnapshot } | undefined;
  /** Compile and check results by compilation entry, reused while the trees are identical. */
  private readonly results = new Map<string, CompilationResult>();

  /** Milliseconds spent in each phase by the latest snapshots (for the benchmark and tracing). */
  readonly phases: Record<"load" | "index" | "compile" | "check" | "collect", number> = {
    load: 0,
    index: 0,
    compile: 0,
    check: 0,
    collect: 0,
  };

  /** Told about every change to the set of files, after it is made. */
  onChange: ((change: ProjectChange) => void) | undefined;

  constructor(readonly host: OverlayHost) {}

  /** Applies a change recorded from another project. */
  apply(change: ProjectChange): void {
    if (change.op === "addFolder") this.addFolder(change.path);
    else if (change.op === "removeFolder") this.removeFolder(change.path);
    else if (change.op === "addFile") this.addFile(change.path);
    else this.removeFile(change.path);
  }

  /** Adds a workspace folder and every .arch file under it. */
  addFolder(folder: string): void {
    const root = path.resolve(folder);
    if (this.folders.has(root)) return;
    let files: string[] = [];
    try {
      files = expandEntries([root]).filter((f) => f.endsWith(".arch"));
    } catch {
      files = [];
    }
    this.folders.set(root, new Set(files));
    this.structure++;
    this.onChange?.({ op: "addFolder", path: root });
  }

  removeFolder(folder: string): void {
    if (!this.folders.delete(path.resolve(folder))) return;
    this.structure++;
    this.onChange?.({ op: "removeFolder", path: path.resolve(folder) });
  }

  /** The folder a file belongs to: the innermost workspace folder holding it. */
  folderOf(file: string): string | undefined {
    let best: string | undefined;
    for (const f of this.folders.keys()) {
      const rel = path.relative(f, file);
      if (rel.startsWith("..") || path.isAbsolute(rel)) continue;
      if (best === undefined || f.length > best.length) best = f;
    }
    return best;
  }

  /** Makes sure a file (opened, created) is part of the project. */
  addFile(file: string): void {
    let folder = this.folderOf(file);
    if (folder === undefined) {
      // A file outside every workspace folder: its own folder, without scanning siblings.
      folder = path.dirname(file);
      this.folders.set(folder, new Set());
    }
    const set = this.folders.get(folder)!;
    if (!set.has(file)) {
      set.add(file);
      this.structure++;
      this.onChange?.({ op: "addFile", path: file });
    }
  }

  removeFile(file: string): void {
    const folder = this.folderOf(file);
    this.parseCache.delete(file);
    if (folder === undefined || !this.folders.get(folder)!.delete(file)) return;
    this.structure++;
    this.onChange?.({ op: "removeFile", path: file });
  }

  knownFiles(): string[] {
    return [...this.folders.values()].flatMap((s) => [...s]);
  }

  /** Identifies the state of files and texts; equal keys mean equal inputs. */
  get stateKey(): string {
    return `${this.structure}:${this.host.generation}`;
  }

  /** Parsed files and symbol tables for the current texts (cheap: re-parses changed files only). */
  snapshot(): IndexSnapshot {
    const key = this.stateKey;
    if (this.index?.key === key) return this.index.snap;
    const compilations: Compilation[] = [];
    let started = performance.now();
    const loaded = [...this.folders].flatMap(([folder, files]) =>
      loadCompilations(folder, [...files], this.host, this.parseCache),
    );
    this.phases.load = performance.now() - started;
    started = performance.now();
    for (const c of loaded) {
      compilations.push({
        ...c,
        table: new SymbolTable(c.workspace.files.map((f) => f.ast)),
        files: new Set(c.workspace.files.map((f) => f.absolutePath)),
      });
    }
    this.phases.index = performance.now() - started;
    const snap = { generation: this.host.generation, compilations };
    this.index = { key, snap };
    return snap;
  }

  /** The snapshot with compile and rule diagnostics; unchanged compilations are not re-checked. */
  checkedSnapshot(): CheckedSnapshot {
    const key = this.stateKey;
    if (this.checked?.key === key) return this.checked.snap;
    const base = this.snapshot();
    this.phases.compile = 0;
    this.phases.check = 0;
    const compilations = base.compilations.map((c) => this.check(c));
    const started = performance.now();
    const live = new Set(compilations.map((c) => c.entry));
    for (const entry of this.results.keys()) if (!live.has(entry)) this.results.delete(entry);

    const byFile = this.byFile.collect(this.knownFiles(), compilations);
    this.phases.collect = performance.now() - started;
    const snap = { generation: base.generation, compilations, byFile };
    this.checked = { key, snap };
    return snap;
  }

  private check(c: Compilation): CheckedCompilation {
    const asts = c.workspace.files.map((f) => f.ast);
    const prior = this.results.get(c.entry);
    if (prior && sameTrees(prior.asts, asts))
      return { ...c, model: prior.model, diagnostics: prior.diagnostics };
    let model: Model | undefined;
    let found: Diagnostic[];
    let compiled: CompileOutput | undefined;
    const memo = prior?.memo ?? new RuleMemo();
    try {
      let t = performance.now();
      compiled = pipeline.compile(c.workspace, prior?.compiled);
      this.phases.compile += performance.now() - t;
      t = performance.now();
      model = compiled.model;
      found = [...pipeline.check(compiled, memo)];
      this.phases.check += performance.now() - t;
    } catch (err) {
      // A stage that throws on a half-typed file must not take the server down with it: keep
      // the parse diagnostics and say what happened.
      found = [...workspaceDiagnostics(c.workspace), internalError(c, err)];
    }
    const diagnostics = dedupe(found);
    this.results.set(c.entry, { asts, model, diagnostics, compiled, memo });
    return { ...c, model, diagnostics };
  }

  /** The compilations that hold a file (a file imported by two entries is in both). */
  compilationsOf(snapshot: IndexSnapshot, file: string): Compilation[] {
    return snapshot.compilations.filter((c) => c.files.has(file));
  }

  parsedFile(snapshot: IndexSnapshot, file: string): ParsedFile | undefined {
    for (const c of snapshot.compilations) {
      const f = c.workspace.files.find((p) => p.absolutePath === file);
      if (f) return f;
    }
    return undefined;
  }
}

/** A compilation's latest compile and check, and what the next round reuses of them. */
interface CompilationResult {
  readonly asts: readonly SourceFileAst[];
  readonly model?: Model;
  readonly diagnostics: readonly Diagnostic[];
  /** The latest compile (the incremental compiler's base for the next one). */
  readonly compiled?: CompileOutput;
  /** Rule findings per Model entry, reused for the entries the next compile keeps. */
  readonly memo: RuleMemo;
}

function sameTrees(a: readonly SourceFileAst[], b: readonly SourceFileAst[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

function internalError(c: Compilation, err: unknown): Diagnostic {
  const file = c.workspace.entries[0] ?? path.basename(c.entry);
  return {
    code: "internal-error",
    severity: "error",
    message: `internal error while checking this workspace: ${err instanceof Error ? err.message : String(err)}`,
    span: { file, start: 0, end: 0, line: 1, col: 1, endLine: 1, endCol: 1 },
    related: [],
    help: "this is a bug in archc; the editor features that rest on the syntax tree keep working",
  };
}
