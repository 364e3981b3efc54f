// The language server: LSP wiring from requests to the feature modules. Every handler runs on
// a fresh snapshot of the project (only changed files are re-parsed), answers cancellation
// cleanly, and turns an internal fault into an empty answer plus a log line, never a crash.

import * as path from "node:path";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  type CancellationToken,
  CodeActionKind,
  type Connection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type InitializeParams,
  type InitializeResult,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
} from "vscode-languageserver";
import { ALLOW_COMMAND, type AllowArgs, allowEdit, codeActions } from "./features/code-actions.js";
import { completion } from "./features/completion.js";
import { foldingRanges } from "./features/folding.js";
import { formatDocument } from "./features/formatting.js";
import { hover } from "./features/hover.js";
import { type Located, locate } from "./features/locate.js";
import { definition, references } from "./features/navigation.js";
import { documentSymbols, workspaceSymbols } from "./features/outline.js";
import { DiagnosticPublisher } from "./features/publish.js";
import { prepareRename, rename } from "./features/rename.js";
import { semanticTokens, semanticTokensLegend } from "./features/semantic-tokens.js";
import {
  DEFAULT_DEBOUNCE_MS,
  type InitializationOptions,
  PublishedNotification,
  ReportRequest,
} from "./protocol.js";
import { UriBook, uriToPath } from "./text/uris.js";
import { startChecker } from "./workspace/checker.js";
import { Project } from "./workspace/project.js";
import { OverlayHost } from "./workspace/source-host.js";

export function serveConnection(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const host = new OverlayHost();
  const project = new Project(host);
  // Started before any folder is added, so the checker thread sees every change from the first.
  const checker = startChecker(project, (message) => connection.console.log(message));
  const uris = new UriBook();
  const uriOf = (abs: string) => uris.uriOf(abs);
  let publisher: DiagnosticPublisher | undefined;

  const fail = (what: string, err: unknown) =>
    connection.console.error(
      `archc: ${what} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );

  /**
   * Runs a request against the current text. Yields once first so a `$/cancelRequest` sent
   * right behind the request is seen, and answers RequestCancelled then.
   */
  async function answer<T>(
    what: string,
    token: CancellationToken,
    empty: T,
    uri: string | undefined,
    position: { line: number; character: number } | undefined,
    run: (at: Located) => T | ResponseError | Promise<T | ResponseError>,
  ): Promise<T | ResponseError> {
    await new Promise((resolve) => setImmediate(resolve));
    if (token.isCancellationRequested)
      return new ResponseError(LSPErrorCodes.RequestCancelled, `${what} cancelled`);
    const abs = uri === undefined ? undefined : uris.remember(uri);
    if (abs === undefined) return empty;
    try {
      const at = locate(project, abs, position);
      if (!at) return empty;
      const result = await run(at);
      if (token.isCancellationRequested)
        return new ResponseError(LSPErrorCodes.RequestCancelled, `${what} cancelled`);
      return result;
    } catch (err) {
      fail(what, err);
      return empty;
    }
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    for (const f of folders) {
      const p = uriToPath(f);
      if (p !== undefined) project.addFolder(p);
    }
    publisher = new DiagnosticPublisher(connection, project, () => checker, {
      debounceMs: typeof options.debounceMs === "number" ? options.debounceMs : DEFAULT_DEBOUNCE_MS,
      uriOf,
      versionOf: (abs) => documents.get(uriOf(abs))?.version,
      onError: (err) => fail("publishing diagnostics", err),
      ...(options.reportTimings
        ? {
            onPublished: (ms, files, phases) =>
              void connection.sendNotification(PublishedNotification, { ms, files, phases }),
          }
        : {}),
    });
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: {
          openClose: true,
          change: TextDocumentSyncKind.Incremental,
          save: { includeText: false },
        },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        completionProvider: { triggerCharacters: [".", ":", "(", "<"] },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: semanticTokensLegend, full: true },
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
        executeCommandProvider: { commands: [ALLOW_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "archc", version: "0.1.0" },
    };
  });

  let watchFiles = false;
  connection.onInitialized(() => {
    if (watchFiles)
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: "**/*.arch" }],
      });
    try {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const f of e.removed) {
          const p = uriToPath(f.uri);
          if (p !== undefined) project.removeFolder(p);
        }
        for (const f of e.added) {
          const p = uriToPath(f.uri);
          if (p !== undefined) project.addFolder(p);
        }
        publisher?.schedule();
      });
    } catch {
      // The client does not announce folder changes; nothing to follow.
    }
    publisher?.schedule(0);
  });

  documents.onDidChangeContent((e) => {
    const abs = uris.remember(e.document.uri);
    if (abs === undefined) return;
    host.setBuffer(abs, e.document.getText());
    project.addFile(abs);
    publisher?.touch(abs);
  });
  documents.onDidClose((e) => {
    const abs = uriToPath(e.document.uri);
    if (abs === undefined) return;
    host.closeBuffer(abs);
    host.invalidate(abs); // the disk may hold a different text than the buffer had
    publisher?.schedule();
  });
  documents.onDidSave((e) => {
    const abs = uriToPath(e.document.uri);
    if (abs !== undefined) host.invalidate(abs);
  });
  documents.listen(connection);

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      const abs = uriToPath(change.uri);
      if (abs === undefined || !abs.endsWith(".arch")) continue;
      host.invalidate(abs);
      if (change.type === FileChangeType.Created) project.addFile(abs);
      if (change.type === FileChangeType.Deleted && !host.isOpen(abs)) project.removeFile(abs);
    }
    publisher?.schedule();
  });

  connection.onHover((p, token) =>
    answer("hover", token, null, p.textDocument.uri, p.position, (at) => hover(checker, at)),
  );
  connection.onDefinition((p, token) =>
    answer("definition", token, [], p.textDocument.uri, p.position, (at) => definition(at, uriOf)),
  );
  connection.onReferences((p, token) =>
    answer("references", token, [], p.textDocument.uri, p.position, (at) =>
      references(at, p.context.includeDeclaration, uriOf),
    ),
  );
  connection.onPrepareRename((p, token) =>
    answer("prepareRename", token, null, p.textDocument.uri, p.position, (at) => prepareRename(at)),
  );
  connection.onRenameRequest((p, token) =>
    answer("rename", token, null, p.textDocument.uri, p.position, (at) => rename(at, p.newName, uriOf)),
  );
  connection.onCompletion((p, token) =>
    answer("completion", token, { isIncomplete: false, items: [] }, p.textDocument.uri, p.position, (at) =>
      completion(at),
    ),
  );
  connection.onDocumentSymbol((p, token) =>
    answer("documentSymbol", token, [], p.textDocument.uri, undefined, (at) => documentSymbols(at)),
  );
  connection.onWorkspaceSymbol(async (p, token) => {
    await new Promise((resolve) => setImmediate(resolve));
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, "cancelled");
    try {
      return workspaceSymbols(project.snapshot(), p.query, uriOf);
    } catch (err) {
      fail("workspaceSymbol", err);
      return [];
    }
  });
  connection.onFoldingRanges((p, token) =>
    answer("foldingRange", token, [], p.textDocument.uri, undefined, (at) => foldingRanges(at)),
  );
  connection.languages.semanticTokens.on((p, token) =>
    answer("semanticTokens", token, { data: [] }, p.textDocument.uri, undefined, (at) => semanticTokens(at)),
  );
  connection.onDocumentFormatting((p, token) =>
    answer("formatting", token, [], p.textDocument.uri, undefined, (at) => formatDocument(at)),
  );
  connection.onCodeAction((p, token) =>
    answer("codeAction", token, [], p.textDocument.uri, p.range.start, (at) =>
      codeActions(checker, project.stateKey, at, p.range, uriOf),
    ),
  );

  connection.onExecuteCommand(async (p) => {
    if (p.command !== ALLOW_COMMAND) return null;
    const args = p.arguments?.[0] as AllowArgs | undefined;
    if (
      !args ||
      typeof args.uri !== "string" ||
      typeof args.line !== "number" ||
      typeof args.rule !== "string"
    )
      return new ResponseError(-32602, `${ALLOW_COMMAND} takes { uri, line, rule, reason? }`);
    const abs = uris.remember(args.uri);
    const text =
      abs === undefined
        ? undefined
        : (documents.get(args.uri)?.getText() ?? host.textOf(abs, path.basename(abs)));
    if (text === undefined) return new ResponseError(-32602, `unknown document ${args.uri}`);
    const applied = await connection.workspace.applyEdit({
      label: `Allow ${args.rule}`,
      edit: allowEdit(text, args),
    });
    return applied.applied;
  });

  connection.onRequest(ReportRequest, async (p) => {
    try {
      const abs = p.uri ? uris.remember(p.uri) : undefined;
      return await checker.report(abs);
    } catch (err) {
      fail("report", err);
      return new ResponseError(-32603, `the report could not be built: ${String(err)}`);
    }
  });

  connection.onShutdown(() => {
    publisher?.dispose();
    checker.dispose();
  });
  connection.listen();
}
