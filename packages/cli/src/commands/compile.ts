// `archc compile [paths…]`: compiles the model and reports the compiler's diagnostics, with a
// one-line summary of what was compiled; with `--json`, prints the checked Model as JSON on
// stdout and the diagnostics on stderr. Exit 1 when there are errors.

import { existsSync } from "node:fs";
import * as path from "node:path";
import { type Compilation, compilePaths, type Model } from "@archc/compiler";
import { expandEntries } from "@archc/dsl";
import type { Command } from "commander";
import { type CliIO, EXIT_FINDINGS, EXIT_OK, UsageError } from "../io.js";
import { printDiagnostics } from "../report/print.js";

interface CompileOpts {
  json?: boolean;
  root?: string;
}

export function registerCompile(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("compile")
    .description("compile .arch files (and their imports) to the checked model; --json prints it")
    .argument("[paths...]", ".arch files or folders", ["."])
    .option("--json", "print the Model as JSON on stdout (diagnostics go to stderr)")
    .option("--root <dir>", "workspace root (imports may not leave it)")
    .action((paths: string[], opts: CompileOpts) => {
      const absolute = paths.map((p) => path.resolve(io.cwd, p));
      const missing = paths.filter((_, i) => !existsSync(absolute[i]));
      if (missing.length > 0) throw new UsageError(`no such file or folder: ${missing.join(", ")}`);
      if (expandEntries(absolute).length === 0) throw new UsageError(`no .arch files in ${paths.join(", ")}`);

      const compilation = compilePaths(absolute, opts.root ? { root: path.resolve(io.cwd, opts.root) } : {});
      const { diagnostics, workspace, model } = compilation;
      if (opts.json) {
        io.stdout.write(`${JSON.stringify(model, null, 2)}\n`);
        if (diagnostics.length > 0) printDiagnostics(io, workspace, diagnostics, io.stderr);
      } else {
        if (diagnostics.length > 0) printDiagnostics(io, workspace, diagnostics);
        io.stdout.write(`${compiledSummary(compilation)}\n`);
      }
      setExit(diagnostics.some((d) => d.severity === "error") ? EXIT_FINDINGS : EXIT_OK);
    });
}

/** "compiled shop from 4 files: 4 services, 20 ops, 2 flows, 1 saga, …" (zero counts left out). */
export function compiledSummary(c: Compilation): string {
  const m: Model = c.model;
  const counts: [number, string][] = [
    [Object.keys(m.services).length, "service"],
    [Object.keys(m.ops).length, "op"],
    [Object.keys(m.types).length, "type"],
    [Object.keys(m.flows).length, "flow"],
    [Object.keys(m.sagas).length, "saga"],
    [Object.keys(m.events).length, "event"],
    [Object.keys(m.stores).length, "store"],
    [Object.keys(m.gateways).length, "gateway"],
    [Object.keys(m.deployments).length, "deployment"],
  ];
  const parts = counts.filter(([n]) => n > 0).map(([n, word]) => `${n} ${word}${n === 1 ? "" : "s"}`);
  const files = m.files.length;
  const errors = c.diagnostics.filter((d) => d.severity === "error").length;
  const head = `${errors > 0 ? "compiled with errors" : "compiled"} ${m.system.name} from ${files} file${files === 1 ? "" : "s"}`;
  return parts.length > 0 ? `${head}: ${parts.join(", ")}` : head;
}
