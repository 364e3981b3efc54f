// `archc explain [rule-or-code]`: prints the page of a rule (docs/rules/<id>.md) or of a
// diagnostic code, like `rustc --explain`; without an argument, lists every rule and code.

import { explain, explainIndex } from "@archc/checker";
import type { Command } from "commander";
import { type CliIO, EXIT_OK, UsageError } from "../io.js";

export function registerExplain(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("explain")
    .description("print the page of a rule or a diagnostic code (without one, list them all)")
    .argument("[rule-or-code]", "a rule id such as sync-cycle, or a code such as E0301")
    .action((id: string | undefined) => {
      if (id === undefined) {
        io.stdout.write(explainIndex());
        return setExit(EXIT_OK);
      }
      const page = explain(id);
      if (page.kind === "unknown") {
        const hint =
          page.suggestions.length > 0
            ? ` (did you mean ${page.suggestions.map((s) => `\`${s}\``).join(" or ")}?)`
            : "";
        throw new UsageError(`no rule or code \`${id}\`${hint}; \`archc explain\` lists them all`);
      }
      io.stdout.write(page.text);
      setExit(EXIT_OK);
    });
}
