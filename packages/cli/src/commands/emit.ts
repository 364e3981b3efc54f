// `archc emit <compose|k8s|openapi|asyncapi|diagram|all> [paths…] --out DIR [--deploy NAME] [--check]`:
// compiles the model, refuses when it has errors, emits the target's files and writes them
// atomically into DIR; with --check writes nothing and exits 1 with a unified diff when DIR
// differs from what the model emits (drift detection for CI).

import * as path from "node:path";
import { compilePaths } from "@archc/compiler";
import type { Diagnostic } from "@archc/dsl";
import { type EmitTarget, emitAsync, emitTargets } from "@archc/emitters";
import type { Command } from "commander";
import { OutputDirError, readTree, writeAtomically } from "../emit/output-dir.js";
import { unifiedDiff } from "../emit/unified-diff.js";
import { type CliIO, EXIT_FINDINGS, EXIT_OK, UsageError } from "../io.js";
import { printDiagnostics } from "../report/print.js";

const TARGETS: readonly string[] = [...emitTargets, "all"];

interface EmitOpts {
  out?: string;
  deploy?: string;
  check?: boolean;
  root?: string;
}

export function registerEmit(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("emit")
    .description("emit compose, Kubernetes (+Istio), OpenAPI, AsyncAPI or diagram files from the model")
    .argument("<target>", `what to emit: ${TARGETS.join(" | ")}`)
    .argument("[paths...]", ".arch files or folders", ["."])
    .option("--out <dir>", "output directory (replaced whole, atomically)")
    .option("--deploy <name>", "the deployment to emit for (default: the first of the target's kind)")
    .option("--check", "write nothing; exit 1 with a diff when --out differs from what the model emits")
    .option("--root <dir>", "workspace root (imports may not leave it)")
    .action(async (target: string, paths: string[], opts: EmitOpts) => {
      if (!TARGETS.includes(target))
        throw new UsageError(`unknown emit target \`${target}\` (expected ${TARGETS.join(", ")})`);
      if (!opts.out) throw new UsageError("archc emit needs --out DIR");
      const compilation = compilePaths(
        paths.map((p) => path.resolve(io.cwd, p)),
        opts.root ? { root: path.resolve(io.cwd, opts.root) } : {},
      );
      const errors = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === "error");
      if (errors(compilation.diagnostics).length) {
        printDiagnostics(io, compilation.workspace, errors(compilation.diagnostics), io.stderr);
        io.stderr.write("archc: not emitting from a model with errors\n");
        return setExit(EXIT_FINDINGS);
      }
      const result = await emitAsync(compilation.model, target as EmitTarget, { deploy: opts.deploy });
      if (result.diagnostics.length)
        printDiagnostics(io, compilation.workspace, result.diagnostics, io.stderr);
      if (errors(result.diagnostics).length) return setExit(EXIT_FINDINGS);

      const outDir = path.resolve(io.cwd, opts.out);
      if (opts.check) {
        const current = readTree(outDir);
        const paths = [...new Set([...current.keys(), ...result.files.keys()])].sort();
        const diff = paths.map((p) => unifiedDiff(p, current.get(p), result.files.get(p))).join("");
        if (diff) {
          io.stdout.write(diff);
          io.stderr.write(
            `archc: ${opts.out} differs from what the model emits; run archc emit ${target} --out ${opts.out}\n`,
          );
          return setExit(EXIT_FINDINGS);
        }
        io.stderr.write(`archc: ${opts.out} is up to date (${result.files.size} files)\n`);
        return setExit(EXIT_OK);
      }
      try {
        writeAtomically(outDir, result.files);
      } catch (err) {
        if (err instanceof OutputDirError) throw new UsageError(err.message);
        throw err;
      }
      io.stderr.write(`archc: wrote ${result.files.size} files to ${opts.out}\n`);
      setExit(EXIT_OK);
    });
}
