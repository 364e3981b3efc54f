// A real LSP client for tests: spawns the archc language server as a child process and talks
// JSON-RPC to it over stdio with vscode-jsonrpc, exactly as an editor does.

import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-jsonrpc/node";
import type {
  InitializeResult,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from "vscode-languageserver-protocol";

export const repoRoot = path.resolve(fileURLToPath(import.meta.url), "../../../../..");
export const fixtures = path.join(repoRoot, "packages/lsp/test/fixtures");

/** How to start the server: from source through tsx (default), or a bundle. */
export function serverCommand(kind: "source" | "bundle" | "cli" = "source"): string[] {
  switch (kind) {
    case "source":
      return [
        process.execPath,
        "--import",
        "tsx",
        path.join(repoRoot, "packages/lsp/src/server-main.ts"),
        "--stdio",
      ];
    case "bundle":
      return [process.execPath, path.join(repoRoot, "packages/lsp/dist/server.mjs"), "--stdio"];
    case "cli":
      return [process.execPath, path.join(repoRoot, "packages/cli/bin/archc.mjs"), "lsp", "--stdio"];
  }
}

/** Newest modification time of the sources a bundle is built from. */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts")) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const pkg of ["dsl", "compiler", "checker", "lsp", "cli"])
    walk(path.join(repoRoot, "packages", pkg, "src"));
  return newest;
}

/**
 * `archc lsp --stdio` from the built CLI when that bundle is newer than every source it is built
 * from (CI builds before testing), else the server from source: fast when fresh, never stale.
 */
export function freshServerCommand(): string[] {
  const bundle = path.join(repoRoot, "packages/cli/dist/archc.mjs");
  const worker = path.join(repoRoot, "packages/cli/dist/check-worker.mjs");
  if (!existsSync(bundle) || !existsSync(worker)) return serverCommand("source");
  const built = Math.min(statSync(bundle).mtimeMs, statSync(worker).mtimeMs);
  return built >= newestSource() ? serverCommand("cli") : serverCommand("source");
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

interface Waiter {
  readonly uri: string;
  readonly accept: (p: PublishDiagnosticsParams) => boolean;
  readonly resolve: (p: PublishDiagnosticsParams) => void;
}

export class LspTestClient {
  readonly published = new Map<string, PublishDiagnosticsParams>();
  /** Every publish, in order (unless started with `keepPublishLog: false`). */
  readonly publishLog: PublishDiagnosticsParams[] = [];
  readonly stderr: string[] = [];
  /** Every message the server logged to the client (window/logMessage). */
  readonly log: string[] = [];
  /** Error messages the server logged to the client (window/logMessage, type Error). */
  readonly errorLog: string[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly versions = new Map<string, number>();
  private exited: number | null | undefined;
  /** Edits the server asked the client to apply (workspace/applyEdit). */
  readonly appliedEdits: unknown[] = [];

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
    keepPublishLog: boolean,
  ) {
    child.stderr.on("data", (b: Buffer) => this.stderr.push(b.toString()));
    child.on("exit", (code) => {
      this.exited = code;
    });
    connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
      this.published.set(p.uri, p);
      if (keepPublishLog) this.publishLog.push(p);
      for (const w of [...this.waiters])
        if (w.uri === p.uri && w.accept(p)) {
          this.waiters.delete(w);
          w.resolve(p);
        }
    });
    connection.onRequest("workspace/applyEdit", (p: unknown) => {
      this.appliedEdits.push(p);
      return { applied: true };
    });
    connection.onRequest("client/registerCapability", () => null);
    connection.onRequest("workspace/configuration", () => []);
    connection.onNotification("window/logMessage", (p: { type: number; message: string }) => {
      this.log.push(p.message);
      if (p.type === 1) this.errorLog.push(p.message);
    });
    connection.listen();
  }

  static async start(
    root: string,
    options: {
      command?: string[];
      initializationOptions?: object;
      /**
       * Whether to keep every publish in `publishLog`; a benchmark turns it off, as an editor
       * keeps only the latest per file (a log of hundreds of large publishes makes the client
       * collect garbage in the middle of the measurements).
       */
      keepPublishLog?: boolean;
    } = {},
  ): Promise<{ client: LspTestClient; init: InitializeResult }> {
    const [cmd, ...args] = options.command ?? serverCommand();
    const child = spawn(cmd, args, { cwd: repoRoot, stdio: ["pipe", "pipe", "pipe"] });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const client = new LspTestClient(child, connection, options.keepPublishLog ?? true);
    const init = await connection.sendRequest<InitializeResult>("initialize", {
      processId: process.pid,
      rootUri: uriOf(root),
      workspaceFolders: [{ uri: uriOf(root), name: path.basename(root) }],
      capabilities: {
        workspace: {
          applyEdit: true,
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          hover: { contentFormat: ["markdown", "plaintext"] },
          rename: { prepareSupport: true },
          completion: { completionItem: { snippetSupport: false } },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          semanticTokens: {
            requests: { full: true },
            tokenTypes: [],
            tokenModifiers: [],
            formats: ["relative"],
          },
        },
      },
      initializationOptions: options.initializationOptions ?? { debounceMs: 10 },
    });
    await connection.sendNotification("initialized", {});
    return { client, init };
  }

  open(file: string, text = readFileSync(file, "utf8")): string {
    const uri = uriOf(file);
    this.versions.set(uri, 1);
    void this.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "arch", version: 1, text },
    });
    return uri;
  }

  /** Sends a change (the whole text, or ranged edits) and returns the new version. */
  change(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return version;
  }

  close(uri: string): void {
    void this.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }

  /** The next diagnostics published for `uri` that satisfy `accept` (or the current ones if they do). */
  diagnostics(
    uri: string,
    accept: (p: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 20_000,
  ): Promise<PublishDiagnosticsParams> {
    const current = this.published.get(uri);
    if (current && accept(current)) return Promise.resolve(current);
    return this.nextDiagnostics(uri, accept, timeoutMs);
  }

  /** Only diagnostics published from now on. */
  nextDiagnostics(
    uri: string,
    accept: (p: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 20_000,
  ): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { uri, accept, resolve };
      this.waiters.add(waiter);
      setTimeout(() => {
        if (!this.waiters.delete(waiter)) return;
        reject(
          new Error(
            `no matching diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr.join("")}`,
          ),
        );
      }, timeoutMs).unref();
    });
  }

  request<R>(method: string, params: object): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  get alive(): boolean {
    return this.exited === undefined && this.child.exitCode === null;
  }

  async stop(): Promise<number | null> {
    if (this.alive) {
      await this.connection.sendRequest("shutdown").catch(() => undefined);
      void this.connection.sendNotification("exit");
    }
    const code = await new Promise<number | null>((resolve) => {
      if (!this.alive) resolve(this.child.exitCode);
      else this.child.once("exit", (c) => resolve(c));
      setTimeout(() => {
        this.child.kill();
        resolve(null);
      }, 5000).unref();
    });
    this.connection.dispose();
    return code;
  }
}

/** LSP position (0-based) of the `nth` occurrence of `needle` in `text`, plus `delta` characters. */
export function positionOf(
  text: string,
  needle: string,
  delta = 0,
  nth = 0,
): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`\`${needle}\` (#${nth}) not found`);
  }
  const offset = at + delta;
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}
