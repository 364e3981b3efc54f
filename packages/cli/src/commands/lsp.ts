// `archc lsp --stdio`: runs the language server (packages/lsp) on stdin/stdout for an editor.
// The process lives until the client sends `exit` or closes the pipe.

import { startServer } from "@archc/lsp";
import type { Command } from "commander";
import type { CliIO } from "../io.js";

export function registerLsp(program: Command, _io: CliIO, _setExit: (code: number) => void): void {
  program
    .command("lsp")
    .description("run the language server for editors (LSP over stdin/stdout)")
    .option("--stdio", "talk LSP over stdin and stdout (the default and only transport)")
    .action(async () => {
      startServer({ stdio: true });
      // The server ends the process itself on `exit`; until then this command never returns.
      await new Promise<never>(() => undefined);
    });
}
