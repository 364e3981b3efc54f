// `archc schema`: prints the JSON Schema of the checked Model (what `archc compile --json`
// prints), for tools that consume the Model.

import { modelJsonSchema } from "@archc/compiler";
import type { Command } from "commander";
import { type CliIO, EXIT_OK } from "../io.js";

export function registerSchema(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("schema")
    .description("print the JSON Schema of the model that `archc compile --json` prints")
    .action(() => {
      io.stdout.write(`${JSON.stringify(modelJsonSchema(), null, 2)}\n`);
      setExit(EXIT_OK);
    });
}
