// `archc level [paths…]`: where the system stands on the seven maturity levels
// (docs/levels.md), and for the next level the exact declarations that are missing. Exit 0,
// or 1 when the model has errors or is below `--min`; 2 on usage errors.

import { existsSync } from "node:fs";
import * as path from "node:path";
import { assessLevel, checkModel } from "@archc/checker";
import { compilePaths } from "@archc/compiler";
import { expandEntries } from "@archc/dsl";
import { type Command, InvalidArgumentError, Option } from "commander";
import { type CliIO, EXIT_FINDINGS, EXIT_OK, UsageError } from "../io.js";
import { paletteFor } from "../report/code-frame.js";
import { renderLevel } from "../report/level-pretty.js";
import { displayPathFor, printDiagnostics } from "../report/print.js";

interface LevelOpts {
  format: "pretty" | "json";
  root?: string;
  min?: number;
  modelCheck: boolean;
}

function levelNumber(value: string): number {
  if (!/^[1-7]$/.test(value)) throw new InvalidArgumentError("expected a level from 1 to 7");
  return Number(value);
}

export function registerLevel(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("level")
    .description("place the system on the seven maturity levels and list what the next level needs")
    .argument("[paths...]", ".arch files or folders", ["."])
    .addOption(new Option("--format <format>", "output format").choices(["pretty", "json"]).default("pretty"))
    .option("--min <level>", "exit 1 when the system is below this level (for CI)", levelNumber)
    .option("--no-model-check", "skip the saga model checker (then level 7 cannot be reached)")
    .option("--root <dir>", "workspace root (imports may not leave it)")
    .action((paths: string[], opts: LevelOpts) => {
      const absolute = paths.map((p) => path.resolve(io.cwd, p));
      const missing = paths.filter((_, i) => !existsSync(absolute[i]));
      if (missing.length > 0) throw new UsageError(`no such file or folder: ${missing.join(", ")}`);
      if (expandEntries(absolute).length === 0) throw new UsageError(`no .arch files in ${paths.join(", ")}`);
      const compilation = compilePaths(absolute, opts.root ? { root: path.resolve(io.cwd, opts.root) } : {});
      const errors = compilation.diagnostics.filter((d) => d.severity === "error");
      if (errors.length > 0) {
        printDiagnostics(io, compilation.workspace, errors, io.stderr);
        io.stderr.write("archc: fix the errors first; a model with errors has no level\n");
        return setExit(EXIT_FINDINGS);
      }
      const result = checkModel(compilation, { modelCheck: opts.modelCheck ? {} : undefined });
      const assessment = assessLevel({
        model: compilation.model,
        findings: result.diagnostics,
        modelChecked: result.modelCheck !== undefined,
      });
      if (opts.format === "json")
        io.stdout.write(`${JSON.stringify({ version: 1, ...assessment }, null, 2)}\n`);
      else
        io.stdout.write(
          renderLevel(assessment, paletteFor(io.stdout, io.env), displayPathFor(io, compilation.workspace)),
        );
      setExit(opts.min !== undefined && assessment.level < opts.min ? EXIT_FINDINGS : EXIT_OK);
    });
}
