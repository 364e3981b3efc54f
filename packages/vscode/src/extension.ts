// The VS Code side of archc: starts the bundled language server (dist/server.mjs) for .arch
// files, asks for the reason when a finding is allowed, and shows the system report (diagram
// and tables built by the server from the checked Model) in a webview.

import * as vscode from "vscode";
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

const ALLOW_COMMAND = "archc.allowFinding";
let client: LanguageClient | undefined;
let reportPanel: vscode.WebviewPanel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = createClient(context);
  await client.start();
  context.subscriptions.push(
    vscode.commands.registerCommand("archc.showReport", () => showReport()),
    vscode.commands.registerCommand("archc.restartServer", async () => {
      await client?.restart();
    }),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (reportPanel && doc.languageId === "arch") void renderReport(reportPanel, doc.uri);
    }),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const config = vscode.workspace.getConfiguration("archc");
  const custom = config.get<string>("server.path", "");
  const module = custom !== "" ? custom : context.asAbsolutePath("dist/server.mjs");
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--enable-source-maps"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "arch" }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.arch") },
    initializationOptions: { debounceMs: config.get<number>("diagnostics.debounceMs", 10) },
    middleware: {
      // LSP has no way to prompt, so the editor asks for the reason `archc-allow` requires.
      async executeCommand(command, args, next) {
        if (command !== ALLOW_COMMAND || typeof args[0] !== "object" || args[0] === null)
          return next(command, args);
        const finding = args[0] as { rule?: string; reason?: string };
        const reason = await vscode.window.showInputBox({
          title: `Allow ${finding.rule ?? "finding"}`,
          prompt: "Why is this finding acceptable here? The reason is kept in the archc-allow comment.",
          validateInput: (value) => (value.trim() === "" ? "archc-allow needs a reason" : undefined),
        });
        if (reason === undefined) return undefined;
        return next(command, [{ ...finding, reason }]);
      },
    },
  };
  return new LanguageClient("archc", "archc", serverOptions, clientOptions);
}

async function showReport(): Promise<void> {
  const uri =
    vscode.window.activeTextEditor?.document.languageId === "arch"
      ? vscode.window.activeTextEditor.document.uri
      : undefined;
  if (!reportPanel) {
    reportPanel = vscode.window.createWebviewPanel("archcReport", "archc report", vscode.ViewColumn.Beside, {
      enableScripts: false,
      retainContextWhenHidden: false,
    });
    reportPanel.onDidDispose(() => {
      reportPanel = undefined;
    });
  } else reportPanel.reveal(vscode.ViewColumn.Beside);
  await renderReport(reportPanel, uri);
}

async function renderReport(panel: vscode.WebviewPanel, uri: vscode.Uri | undefined): Promise<void> {
  if (!client) return;
  try {
    const report = await client.sendRequest<{ title: string; html: string }>("archc/report", {
      uri: uri?.toString(),
    });
    panel.title = `archc: ${report.title}`;
    panel.webview.html = report.html;
  } catch (err) {
    void vscode.window.showErrorMessage(`archc: the report could not be built (${String(err)})`);
  }
}
