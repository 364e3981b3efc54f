// A compilation's files: the entry files plus everything they import, transitively, each read
// and parsed once. Imports stay inside the workspace root; a file outside it is never read.

import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import * as path from "node:path";
import type { ImportDecl, SourceFileAst } from "./ast.js";
import type { Diagnostic } from "./diagnostic.js";
import { parseSource, reparseSource } from "./parse.js";
import { decodeSource } from "./source-text.js";
import { fileStartSpan } from "./span.js";

export interface ParsedFile {
  /** Path relative to the workspace root, with `/` separators: the `file` of every span. */
  readonly file: string;
  readonly absolutePath: string;
  readonly text: string;
  readonly ast: SourceFileAst;
  /** Read and parse diagnostics of this file (import problems included). */
  readonly diagnostics: readonly Diagnostic[];
  /** Root-relative paths of the files this one imports (those that could be loaded). */
  readonly imports: readonly string[];
}

export interface Workspace {
  readonly root: string;
  /** Root-relative paths of the entry files, in the order given. */
  readonly entries: readonly string[];
  /** Every loaded file, in load order (entries first, then imports depth-first). */
  readonly files: readonly ParsedFile[];
  /** Diagnostics not tied to a loaded file (an entry that does not exist). */
  readonly diagnostics: readonly Diagnostic[];
}

/** Where file contents come from; the language server overrides it with open buffers. */
export interface SourceHost {
  /** The file's text, or a diagnostic explaining why it cannot be had. */
  read(
    absolutePath: string,
    file: string,
  ): { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };
  /**
   * Whether the host holds a file that is not on disk (an in-memory test host, an unsaved
   * editor buffer); imports of such files are then read through the host, not refused.
   */
  exists?(absolutePath: string): boolean;
  /**
   * The path with symbolic links resolved, or undefined when it does not exist: how imports are
   * kept inside the workspace root. A host may remember the answers (the language server does,
   * until the client reports a change on disk); by default the file system is asked each time.
   */
  realpath?(absolutePath: string): string | undefined;
}

export const diskHost: SourceHost = {
  read(absolutePath, file) {
    try {
      const st = statSync(absolutePath);
      if (!st.isFile()) return readFailure(file, "it is not a regular file");
      if (st.size > 8 * 1024 * 1024) return decodeSource(file, new Uint8Array(st.size)); // E0003 without reading
      return decodeSource(file, readFileSync(absolutePath));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return { ok: false, diagnostic: missing(file) };
      return readFailure(file, code ?? String(err));
    }
  },
};

function readFailure(file: string, why: string): { ok: false; diagnostic: Diagnostic } {
  return {
    ok: false,
    diagnostic: {
      code: "E0006",
      severity: "error",
      message: `cannot read ${file}: ${why}`,
      span: fileStartSpan(file),
      related: [],
    },
  };
}

function missing(file: string): Diagnostic {
  return {
    code: "E0001",
    severity: "error",
    message: `file not found: ${file}`,
    span: fileStartSpan(file),
    related: [],
  };
}

export interface LoadOptions {
  /** The workspace root; defaults to the common folder of the entries. */
  readonly root?: string;
  readonly host?: SourceHost;
  /** Parsed files to reuse when their text is unchanged (keyed by absolute path). */
  readonly cache?: Map<string, ParsedFile>;
}

/** Expands folders to the `.arch` files inside them (recursively, sorted), keeps files as given. */
export function expandEntries(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) {
      out.push(path.resolve(p));
      continue;
    }
    const walk = (dir: string) => {
      const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
      for (const e of entries) {
        if (e.name === "node_modules" || e.name.startsWith(".")) continue;
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.name.endsWith(".arch")) out.push(full);
      }
    };
    walk(path.resolve(p));
  }
  return out;
}

function commonDir(files: readonly string[]): string {
  if (files.length === 0) return process.cwd();
  let dir = path.dirname(files[0]);
  for (const f of files) {
    while (!isInside(dir, f)) {
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return dir;
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  // `..` as a whole path segment leaves the root; a name like `..types.arch` does not.
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function toRootRelative(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join("/");
}

export function loadWorkspace(entryPaths: readonly string[], options: LoadOptions = {}): Workspace {
  const entries = entryPaths.map((p) => path.resolve(p));
  const root = path.resolve(options.root ?? commonDir(entries));
  const host = options.host ?? diskHost;
  const realpath = host.realpath?.bind(host) ?? safeRealpath;
  const realRoot = realpath(root) ?? root;
  const loaded = new Map<string, ParsedFile>();
  const order: ParsedFile[] = [];
  const diagnostics: Diagnostic[] = [];

  const failed = new Set<string>();

  /** Reads and parses one file and registers it (before its imports, so cycles end). */
  const open = (abs: string): ParsedFile | undefined => {
    const existing = loaded.get(abs);
    if (existing || failed.has(abs)) return existing;
    const file = toRootRelative(root, abs);
    const read = host.read(abs, file);
    if (!read.ok) {
      failed.add(abs);
      diagnostics.push(read.diagnostic);
      return undefined;
    }
    const cached = options.cache?.get(abs);
    const parsed =
      cached === undefined || cached.file !== file
        ? parseSource(file, read.text)
        : cached.text === read.text
          ? undefined
          : cached.diagnostics.every((d) => IMPORT_CODES.has(d.code))
            ? reparseSource(cached, read.text)
            : parseSource(file, read.text);
    const entry: ParsedFile = {
      file,
      absolutePath: abs,
      text: read.text,
      ast: parsed ? parsed.ast : cached!.ast,
      diagnostics: parsed ? parsed.diagnostics : cached!.diagnostics.filter((d) => !IMPORT_CODES.has(d.code)),
      imports: [],
    };
    loaded.set(abs, entry);
    order.push(entry);
    options.cache?.set(abs, entry);
    return entry;
  };

  /** Where an import leads, or the diagnostic that stops it. */
  const follow = (from: string, imp: ImportDecl): { target: string } | { diagnostic: Diagnostic } => {
    const target = path.resolve(path.dirname(from), imp.path.value);
    const real = realpath(target);
    if (!isInside(root, target) || (real !== undefined && !isInside(realRoot, real))) {
      return {
        diagnostic: {
          code: "E0002",
          severity: "error",
          message: `import "${imp.path.value}" leaves the workspace root ${root}; the file is not read`,
          span: imp.path.span,
          related: [],
          help: "keep imported files under the root, or run with `--root` set to a folder that holds them",
        },
      };
    }
    if (real === undefined && !host.exists?.(target)) {
      return {
        diagnostic: {
          code: "E0001",
          severity: "error",
          message: `imported file not found: ${toRootRelative(root, target)}`,
          span: imp.path.span,
          related: [],
          help: "paths are relative to the importing file",
        },
      };
    }
    return { target };
  };

  // Depth-first over imports with an explicit stack: a chain of thousands of files importing
  // one another must not exhaust the call stack.
  const load = (abs: string): void => {
    if (loaded.has(abs)) return; // already loaded as another entry's import
    const first = open(abs);
    if (!first) return;
    const stack = [{ entry: first, next: 0, importDiags: [] as Diagnostic[] }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const imports = frame.entry.ast.imports;
      if (frame.next >= imports.length) {
        const done = frame.entry as { diagnostics: readonly Diagnostic[] };
        done.diagnostics = [...done.diagnostics, ...frame.importDiags];
        stack.pop();
        continue;
      }
      const step = follow(frame.entry.absolutePath, imports[frame.next++]);
      if ("diagnostic" in step) {
        frame.importDiags.push(step.diagnostic);
        continue;
      }
      const seen = loaded.has(step.target);
      const child = open(step.target);
      if (!child) continue;
      (frame.entry.imports as string[]).push(child.file);
      if (!seen) stack.push({ entry: child, next: 0, importDiags: [] });
    }
  };

  for (const e of entries) {
    if (!isInside(root, e)) {
      diagnostics.push({
        code: "E0002",
        severity: "error",
        message: `${e} is outside the workspace root ${root}`,
        span: fileStartSpan(e),
        related: [],
        help: "pass a `--root` that contains every entry file",
      });
      continue;
    }
    load(e);
  }
  return {
    root,
    entries: entries.filter((e) => isInside(root, e)).map((e) => toRootRelative(root, e)),
    files: order,
    diagnostics,
  };
}

const IMPORT_CODES = new Set(["E0001", "E0002"]);

/** The path with symbolic links resolved, or undefined when it does not exist. */
export function safeRealpath(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

/** Every diagnostic of a workspace: load problems first, then each file's, in load order. */
export function workspaceDiagnostics(ws: Workspace): Diagnostic[] {
  return [...ws.diagnostics, ...ws.files.flatMap((f) => f.diagnostics)];
}
