// `archc fmt`: rewrites .arch files in the canonical style. In place by default (atomically: a
// temporary file in the same folder, then a rename, so a crash never leaves half a file), or
// `--check` to list unformatted files, or `--stdout` to print the result. A file with syntax
// errors is never touched: its diagnostics are printed instead.

import { randomBytes } from "node:crypto";
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  fsyncSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import * as path from "node:path";
import { type Diagnostic, diskHost, expandEntries, formatSource } from "@archc/dsl";
import type { Command } from "commander";
import { type CliIO, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from "../io.js";
import { paletteFor, renderDiagnostic, summaryLine } from "../report/code-frame.js";

interface FmtOptions {
  readonly check?: boolean;
  readonly stdout?: boolean;
}

export function registerFmt(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("fmt")
    .description("format .arch files in the canonical style (in place unless --check or --stdout)")
    .argument("[paths...]", ".arch files or folders (folders: every .arch inside)", ["."])
    .option("--check", "change nothing; list the files that are not formatted and exit 1 if any")
    .option("--stdout", "change nothing; print the formatted text")
    .action((paths: string[], opts: FmtOptions) => {
      setExit(runFmt(io, paths, opts));
    });
}

function runFmt(io: CliIO, paths: readonly string[], opts: FmtOptions): number {
  if (opts.check && opts.stdout) throw new UsageError("--check and --stdout cannot be used together");
  const files = filesToFormat(io, paths);
  const sources = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  let exit = EXIT_OK;
  let unformatted = 0;
  for (const absolute of files) {
    const shown = displayPath(io, absolute);
    const read = diskHost.read(absolute, shown);
    if (!read.ok) {
      diagnostics.push(read.diagnostic);
      exit = Math.max(exit, EXIT_FINDINGS);
      continue;
    }
    sources.set(shown, read.text);
    const result = formatSource(shown, read.text);
    if (result.diagnostics.some((d) => d.severity === "error")) {
      diagnostics.push(...result.diagnostics);
      const internal = result.diagnostics.some((d) => d.code === "E0190");
      exit = Math.max(exit, internal ? EXIT_USAGE : EXIT_FINDINGS);
      continue;
    }
    if (opts.stdout) io.stdout.write(result.text);
    else if (!result.changed) continue;
    else if (opts.check) {
      io.stdout.write(`${shown}\n`);
      unformatted++;
      exit = Math.max(exit, EXIT_FINDINGS);
    } else {
      try {
        writeAtomically(absolute, result.text);
        io.stdout.write(`${shown}\n`);
      } catch (err) {
        io.stderr.write(`archc: cannot write ${shown}: ${(err as NodeJS.ErrnoException).message}\n`);
        exit = Math.max(exit, EXIT_USAGE);
      }
    }
  }
  if (diagnostics.length > 0) printTo(io, diagnostics, sources);
  if (unformatted > 0)
    io.stderr.write(
      `${unformatted} file${unformatted === 1 ? " is" : "s are"} not formatted; run \`archc fmt\` to fix\n`,
    );
  return exit;
}

/** Every file named or found under a named folder; a path that does not exist is a usage error. */
function filesToFormat(io: CliIO, paths: readonly string[]): string[] {
  const absolute = paths.map((p) => path.resolve(io.cwd, p));
  for (const [i, p] of absolute.entries()) {
    try {
      statSync(p);
    } catch {
      throw new UsageError(`no such file or folder: ${paths[i]}`);
    }
  }
  const files = [...new Set(expandEntries(absolute))];
  if (files.length === 0) throw new UsageError(`no .arch files found in ${paths.join(", ")}`);
  return files;
}

function displayPath(io: CliIO, absolute: string): string {
  const rel = path.relative(io.cwd, absolute);
  return rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? absolute : rel;
}

function printTo(io: CliIO, diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>): void {
  const palette = paletteFor(io.stderr, io.env);
  for (const d of diagnostics) io.stderr.write(`${renderDiagnostic(d, (f) => sources.get(f), palette)}\n\n`);
  io.stderr.write(`${summaryLine(diagnostics, palette)}\n`);
}

/**
 * Replaces `file`'s contents with `text` so that readers see the old file or the new one, never
 * a mix: write a temporary file next to it (through symlinks, to the real file), flush it to
 * disk, give it the old file's permissions, and rename it over the old one. A file we may not
 * write is refused.
 */
function writeAtomically(file: string, text: string): void {
  const target = realpathSync(file);
  // A rename would replace even a read-only file; honour the permission as an editor would.
  accessSync(target, constants.W_OK);
  const mode = statSync(target).mode & 0o7777;
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  let fd: number | undefined;
  try {
    fd = openSync(temp, "wx", 0o600);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    chmodSync(temp, mode);
    renameSync(temp, target);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Nothing to clean up: the temporary file was never created, or was already renamed.
    }
    throw err;
  }
}
