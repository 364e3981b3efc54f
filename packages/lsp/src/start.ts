// Starts the language server on the transport named on the command line (`--stdio`,
// `--node-ipc`, `--socket=N`), or on stdin/stdout when asked to explicitly.

import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { serveConnection } from "./server.js";

export function startServer(options: { stdio?: boolean } = {}): void {
  const connection = options.stdio
    ? createConnection(ProposedFeatures.all, process.stdin, process.stdout)
    : createConnection(ProposedFeatures.all);
  // The process is the server's alone: a fault that escapes every handler is logged to the
  // editor, and the server keeps serving rather than vanishing mid-edit.
  process.on("uncaughtException", (err) => {
    connection.console.error(`archc: internal error: ${err.stack ?? err.message}`);
  });
  process.on("unhandledRejection", (reason) => {
    connection.console.error(`archc: internal error: ${String(reason)}`);
  });
  serveConnection(connection);
}
