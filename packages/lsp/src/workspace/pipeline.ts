// The stages after parsing, as the language server calls them: compile (names, types → Model)
// and check (rules → findings), and the formatter. They come from @archc/compiler,
// @archc/checker and @archc/dsl; this module is the one place that knows their shapes.

import * as checker from "@archc/checker";
import * as compiler from "@archc/compiler";
import type { Model } from "@archc/compiler";
import * as dsl from "@archc/dsl";
import type { Diagnostic, Workspace } from "@archc/dsl";

export interface CompileOutput {
  readonly model: Model;
  readonly diagnostics: readonly Diagnostic[];
  readonly workspace: Workspace;
}

export interface FormatOutput {
  readonly text: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly changed: boolean;
}

/** A rule's catalogue entry as the checker describes it (for hover and completion). */
export interface RuleInfo {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

interface CompilerApi {
  compileWorkspace(ws: Workspace): CompileOutput;
}
interface CheckerApi {
  checkModel(compilation: CompileOutput, options?: object): { diagnostics: readonly Diagnostic[] };
  explain?(idOrCode: string): string | undefined;
  rules?: readonly { meta: { id: string; title?: string; description?: string } }[];
}
interface FormatterApi {
  formatSource(file: string, text: string): FormatOutput;
}

// The stages are written in parallel with the server; each is used as soon as its package
// exports it, and until then the server still offers everything that rests on the syntax tree.
const compilerApi = pick<CompilerApi>(compiler, "compileWorkspace");
const checkerApi = pick<CheckerApi>(checker, "checkModel");
const formatterApi = pick<FormatterApi>(dsl, "formatSource");

function pick<T>(module: object, fn: string): T | undefined {
  const m = module as Record<string, unknown>;
  return typeof m[fn] === "function" ? (module as T) : undefined;
}

export const pipeline = {
  get canCompile(): boolean {
    return compilerApi !== undefined;
  },
  get canCheck(): boolean {
    return checkerApi !== undefined;
  },
  get canFormat(): boolean {
    return formatterApi !== undefined;
  },

  compile(ws: Workspace): CompileOutput | undefined {
    return compilerApi?.compileWorkspace(ws);
  },

  check(compiled: CompileOutput): readonly Diagnostic[] {
    return checkerApi?.checkModel(compiled).diagnostics ?? [];
  },

  format(file: string, text: string): FormatOutput | undefined {
    return formatterApi?.formatSource(file, text);
  },

  /** The page `archc explain` prints for a code or rule id, if the catalogue has one. */
  explain(idOrCode: string): string | undefined {
    try {
      return checkerApi?.explain?.(idOrCode) ?? undefined;
    } catch {
      return undefined;
    }
  },

  ruleIds(): string[] {
    return (checkerApi?.rules ?? []).map((r) => r.meta.id);
  },
};
