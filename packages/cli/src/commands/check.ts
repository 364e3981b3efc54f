// `archc check [paths…]`: compiles the model, runs every rule and the saga model checker, and
// reports compiler diagnostics and findings together in one of five formats. Exit 0 when
// nothing reaches --fail-on (default: the model's `rules { fail-on … }`, else `error`), 1 when
// something does, 2 on usage or internal errors.

import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import {
  checkModel,
  DEFAULT_INSTANCES,
  formatModelCheckSummary,
  itfTraceFiles,
  MAX_INSTANCES,
  type ModelCheckOptions,
} from "@archc/checker";
import { compilePaths } from "@archc/compiler";
import { expandEntries, type Severity, severityRank } from "@archc/dsl";
import { type Command, InvalidArgumentError, Option } from "commander";
import { type CliIO, EXIT_FINDINGS, EXIT_OK, UsageError } from "../io.js";
import { CHECK_FORMATS, type CheckFormat, renderCheckReport } from "../report/check-output.js";
import { noColours, paletteFor } from "../report/code-frame.js";
import { displayPathFor } from "../report/print.js";

interface CheckOpts {
  format: CheckFormat;
  failOn?: Severity;
  output?: string;
  root?: string;
  modelCheck: boolean;
  instances: number;
  maxStates?: number;
  traceFormat?: "itf";
  traceOut?: string;
}

const positiveInt =
  (max = Number.MAX_SAFE_INTEGER) =>
  (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n > max)
      throw new InvalidArgumentError(`expected a whole number from 1 to ${max}`);
    return n;
  };

export function registerCheck(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("check")
    .description(
      "check the model: compiler diagnostics, every rule of the catalogue, and the saga model checker",
    )
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
    .option("--no-model-check", "skip the saga model checker")
    .option(
      "--instances <n>",
      `concurrent instances per saga for the model checker`,
      positiveInt(MAX_INSTANCES),
      DEFAULT_INSTANCES,
    )
    .option(
      "--max-states <n>",
      "stop exploring a saga after this many distinct states (then: bounded, no proof)",
      positiveInt(),
    )
    .addOption(
      new Option("--trace-format <format>", "write each counterexample as a trace file").choices(["itf"]),
    )
    .option("--trace-out <dir>", "folder for the trace files (with --trace-format)")
    .action((paths: string[], opts: CheckOpts) => {
      if ((opts.traceFormat === undefined) !== (opts.traceOut === undefined))
        throw new UsageError("--trace-format and --trace-out go together");
      const absolute = paths.map((p) => path.resolve(io.cwd, p));
      const missing = paths.filter((_, i) => !existsSync(absolute[i]));
      if (missing.length > 0) throw new UsageError(`no such file or folder: ${missing.join(", ")}`);
      if (expandEntries(absolute).length === 0) throw new UsageError(`no .arch files in ${paths.join(", ")}`);

      const compilation = compilePaths(absolute, opts.root ? { root: path.resolve(io.cwd, opts.root) } : {});
      const progress = { shown: false };
      const result = checkModel(compilation, {
        modelCheck: opts.modelCheck ? modelCheckOptions(opts, io, progress) : undefined,
      });
      if (progress.shown) io.stderr.write("\r\u001b[K");
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
        write(path.resolve(io.cwd, opts.output!), report, opts.output!);
        const c = result.counts;
        io.stderr.write(
          `archc: wrote ${opts.format} report to ${opts.output} (${c.errors} errors, ${c.warnings} warnings, ${c.infos} infos)\n`,
        );
      } else {
        io.stdout.write(report);
      }

      // What the model checker explored goes with the pretty report, and to stderr otherwise.
      const notes = result.modelCheck
        ? formatModelCheckSummary(result.modelCheck.sagas)
        : result.modelCheckSkipped
          ? [`model check: skipped: ${result.modelCheckSkipped}`]
          : [];
      if (notes.length > 0)
        (opts.format === "pretty" && !toFile ? io.stdout : io.stderr).write(`${notes.join("\n")}\n`);

      if (opts.traceOut !== undefined) {
        const dir = path.resolve(io.cwd, opts.traceOut);
        const files = itfTraceFiles(result.diagnostics);
        try {
          mkdirSync(dir, { recursive: true });
        } catch (err) {
          throw new UsageError(`cannot create ${opts.traceOut}: ${(err as Error).message}`);
        }
        for (const f of files)
          write(path.join(dir, f.fileName), f.content, path.join(opts.traceOut, f.fileName));
        io.stderr.write(
          `archc: wrote ${files.length} ITF trace file${files.length === 1 ? "" : "s"} to ${opts.traceOut}\n`,
        );
      }

      const failing = result.diagnostics.some((d) => severityRank(d.severity) >= severityRank(failOn));
      setExit(failing ? EXIT_FINDINGS : EXIT_OK);
    });
}

function modelCheckOptions(opts: CheckOpts, io: CliIO, progress: { shown: boolean }): ModelCheckOptions {
  return {
    instances: opts.instances,
    ...(opts.maxStates === undefined ? {} : { maxStates: opts.maxStates }),
    // Progress only where a person watches; it would clutter logs.
    ...(io.stderr.isTTY
      ? {
          onProgress: (p) => {
            progress.shown = true;
            io.stderr.write(
              `\rmodel check: saga ${p.saga}: ${p.distinctStates.toLocaleString("en-US")} states…`,
            );
          },
        }
      : {}),
  };
}

function write(file: string, text: string, shown: string): void {
  try {
    writeFileSync(file, text);
  } catch (err) {
    throw new UsageError(`cannot write ${shown}: ${(err as Error).message}`);
  }
}
