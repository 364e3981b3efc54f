// The stages after parsing, as the language server calls them: compile (names, types → Model),
// check (rules → findings), the formatter, and the catalogues that explain a code. This module
// is the one place that knows the other packages' entry points.

import { checkModel, engineMetas, type RuleMemo, type RuleMeta, rules } from "@archc/checker";
import { allCodes, type Compilation, compileIncremental } from "@archc/compiler";
import { type Diagnostic, type FormatResult, formatSource, type Workspace } from "@archc/dsl";

export type { Compilation as CompileOutput };

const ruleMetas = new Map<string, RuleMeta>(
  [...rules.map((r) => r.meta), ...engineMetas].map((m) => [m.id, m] as const),
);

export const pipeline = {
  /**
   * The same as `archc check` compiles, reusing what `previous` (this compilation's last
   * result) built for declarations whose trees did not change.
   */
  compile(ws: Workspace, previous?: Compilation): Compilation {
    return compileIncremental(previous, ws);
  },

  /**
   * Compiler diagnostics and rule findings, exactly as `archc check` reports them; `memo`
   * reuses the findings about Model entries the compile kept from the previous round.
   */
  check(compiled: Compilation, memo?: RuleMemo): readonly Diagnostic[] {
    return checkModel(compiled, memo ? { memo } : {}).diagnostics;
  },

  format(file: string, text: string): FormatResult {
    return formatSource(file, text);
  },

  /** What a code or rule id means: the rule's summary and page, or the compiler's explanation. */
  explain(idOrCode: string): string | undefined {
    const meta = ruleMetas.get(idOrCode);
    if (meta) {
      const options = meta.options.map((o) => `\`${o.name}\` (default ${o.default}): ${o.description}`);
      return [
        `**${meta.id}** — ${meta.summary} (default severity: ${meta.severity}; ${meta.category})`,
        ...(options.length > 0 ? [`Options: ${options.join("; ")}`] : []),
        `Source: ${meta.source}. [Rule page](${meta.helpUri})`,
      ].join("\n\n");
    }
    const code = allCodes[idOrCode];
    return code ? `**${idOrCode}** — ${code.title}\n\n${code.explanation}` : undefined;
  },

  ruleIds(): string[] {
    return [...ruleMetas.keys()];
  },
};
