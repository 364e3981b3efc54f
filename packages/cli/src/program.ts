// The command table. Each command lives in its own module under commands/ and registers itself.

import { Command, CommanderError } from "commander";
import { registerCheck } from "./commands/check.js";
import { registerCompile } from "./commands/compile.js";
import { registerEmit } from "./commands/emit.js";
import { registerExplain } from "./commands/explain.js";
import { registerFmt } from "./commands/fmt.js";
import { registerInit } from "./commands/init.js";
import { registerLevel } from "./commands/level.js";
import { registerParse } from "./commands/parse.js";
import { registerSchema } from "./commands/schema.js";
import { registerLsp } from "./commands/lsp.js";
import { type CliIO, EXIT_OK, EXIT_USAGE, processIO, UsageError } from "./io.js";

export const VERSION = "0.1.0";

type Register = (program: Command, io: CliIO, setExit: (code: number) => void) => void | Promise<void>;

/** Every command, in help order. */
const commands: Register[] = [registerParse, registerFmt];
commands.push(registerCompile, registerSchema);
commands.push(registerEmit);
commands.push(registerCheck);
commands.push(registerExplain);
commands.push(registerLevel);
commands.push(registerInit);
commands.push(registerLsp); // `archc lsp` last in help: it is for editors, not people

export async function runCli(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  let exit = EXIT_OK;
  const program = new Command("archc")
    .description("archc: architecture-as-code compiler and model checker for microservice systems")
    .version(VERSION, "-V, --version")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showSuggestionAfterError(true);
  for (const register of commands)
    await register(program, io, (code) => {
      exit = code;
    });
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`archc: ${err.message}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
  return exit;
}
