// `archc check [paths…]`: compiles the model, runs every rule, and reports compiler
// diagnostics and findings together in one of five formats. Exit 0 when nothing reaches
// --fail-on (default: the model's `rules { fail-on … }`, else `error`), 1 when something does,
// 2 on usage or internal errors.

import { existsSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { checkModel } from "@archc/checker";
import { compilePaths } from "@archc/compiler";
import { expandEntries, type Severity, severityRank } from "@archc/dsl";
import { type Command, Option } from "commander";
import { type CliIO, EXIT_FINDINGS, EXIT_OK, UsageError } from "../io.js";
import { CHECK_FORMATS, type CheckFormat, renderCheckReport } from "../report/check-output.js";
import { noColours, paletteFor } from "../report/code-frame.js";
import { displayPathFor } from "../report/print.js";

interface CheckOpts {
  format: CheckFormat;
  failOn?: Severity;
  output?: string;
  root?: string;
}

export function registerCheck(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("check")
    .description("check the model: compiler diagnostics and every rule of the catalogue")
    .argument("[paths...]", ".arch files or folders", ["."])
    .addOption(new Option("--format <format>", "report format").choices(CHECK_FORMATS).default("pretty"))
    .addOption(
      new Option(
        "--fail-on <severity>",
        "lowest severity that fails the run (default: the model's, else error)",
      ).choices(["error", "warning", "info"]),
    )
    .option("--output <file>", "write the report to a file instead of stdout")
    .option("--root <dir>", "workspace root (imports may not leave it)")
    .action((paths: string[], opts: CheckOpts) => {
      const absolute = paths.map((p) => path.resolve(io.cwd, p));
      const missing = paths.filter((_, i) => !existsSync(absolute[i]));
      if (missing.length > 0) throw new UsageError(`no such file or folder: ${missing.join(", ")}`);
      if (expandEntries(absolute).length === 0) throw new UsageError(`no .arch files in ${paths.join(", ")}`);
      const compilation = compilePaths(absolute, opts.root ? { root: path.resolve(io.cwd, opts.root) } : {});
      const result = checkModel(compilation);
      const failOn = opts.failOn ?? result.failOn ?? "error";
      const toFile = opts.output !== undefined;
      const report = renderCheckReport(opts.format, {
        result,
        workspace: compilation.workspace,
        failOn,
        version: program.version() ?? "0.0.0",
        palette: toFile ? noColours : paletteFor(io.stdout, io.env),
        displayPath: displayPathFor(io, compilation.workspace),
      });
      if (toFile) {
        const target = path.resolve(io.cwd, opts.output!);
        try {
          writeFileSync(target, report);
        } catch (err) {
          throw new UsageError(`cannot write ${opts.output}: ${(err as Error).message}`);
        }
        const c = result.counts;
        io.stderr.write(
          `archc: wrote ${opts.format} report to ${opts.output} (${c.errors} errors, ${c.warnings} warnings, ${c.infos} infos)\n`,
        );
      } else {
        io.stdout.write(report);
      }
      const failing = result.diagnostics.some((d) => severityRank(d.severity) >= severityRank(failOn));
      setExit(failing ? EXIT_FINDINGS : EXIT_OK);
    });
}
