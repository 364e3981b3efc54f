// Starts the language server on the transport named on the command line (`--stdio`,
// `--node-ipc`, `--socket=N`), or on stdin/stdout when asked to explicitly.

import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { serveConnection } from "./server.js";

export function startServer(options: { stdio?: boolean } = {}): void {
  const connection = options.stdio
    ? createConnection(ProposedFeatures.all, process.stdin, process.stdout)
    : createConnection(ProposedFeatures.all);
  serveConnection(connection);
}
