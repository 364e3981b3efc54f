// `archc parse`: reads files and their imports and reports syntax diagnostics only; with
// `--json` prints the syntax trees. Useful to debug the front end and in editors' tooling.

import * as path from "node:path";
import { type Diagnostic, expandEntries, loadWorkspace, workspaceDiagnostics } from "@archc/dsl";
import type { Command } from "commander";
import { type CliIO, EXIT_FINDINGS, EXIT_OK } from "../io.js";
import { printDiagnostics } from "../report/print.js";

export function registerParse(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("parse")
    .description("parse .arch files (and their imports) and report syntax errors")
    .argument("[paths...]", ".arch files or folders", ["."])
    .option("--root <dir>", "workspace root (imports may not leave it)")
    .option("--json", "print the syntax trees as JSON")
    .action((paths: string[], opts: { root?: string; json?: boolean }) => {
      const ws = loadWorkspace(expandEntries(paths.map((p) => path.resolve(io.cwd, p))), { root: opts.root });
      const diags: Diagnostic[] = workspaceDiagnostics(ws);
      if (opts.json)
        io.stdout.write(
          `${JSON.stringify(
            ws.files.map((f) => f.ast),
            null,
            2,
          )}\n`,
        );
      else printDiagnostics(io, ws, diags);
      setExit(diags.some((d) => d.severity === "error") ? EXIT_FINDINGS : EXIT_OK);
    });
}
