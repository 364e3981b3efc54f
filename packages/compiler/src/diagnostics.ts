// Where compiler stages report problems. Diagnostics are values collected here; nothing throws.
// Unknown names get a did-you-mean suggestion both in the message and as a quick fix.

import type { Diagnostic, Fix, Name, RelatedInfo, Span } from "@archc/dsl";
import { suggestNames } from "@archc/dsl";
import type { CompilerCode } from "./codes.js";

export interface DiagnosticExtras {
  readonly related?: readonly RelatedInfo[];
  readonly help?: string;
  readonly fixes?: readonly Fix[];
}

/**
 * Suggestions are searched for at most this many distinct unknown names per compilation: a
 * missing import in a large system makes thousands of names unknown, and each search scans
 * every candidate.
 */
const SUGGESTION_BUDGET = 1000;

export class DiagnosticSink {
  readonly list: Diagnostic[] = [];
  /** The suggestion for each (what, where, name) already searched; one search per typo. */
  private readonly suggestions = new Map<string, string | undefined>();

  error(code: CompilerCode, span: Span, message: string, extras: DiagnosticExtras = {}): void {
    this.list.push({
      code,
      severity: "error",
      message,
      span,
      related: extras.related ?? [],
      ...(extras.help !== undefined ? { help: extras.help } : {}),
      ...(extras.fixes !== undefined && extras.fixes.length > 0 ? { fixes: extras.fixes } : {}),
    });
  }

  /**
   * `unknown <what> \`name\` (did you mean \`x\`?)` with a fix replacing the name. Candidates are
   * produced lazily: they are only needed when something is wrong.
   */
  unknown(
    code: CompilerCode,
    what: string,
    name: Name,
    candidates: () => Iterable<string>,
    extras: DiagnosticExtras & { readonly where?: string } = {},
  ): void {
    const key = `${what}\u0000${extras.where ?? ""}\u0000${name.text}`;
    let best = this.suggestions.get(key);
    if (!this.suggestions.has(key) && this.suggestions.size < SUGGESTION_BUDGET) {
      best = suggestNames(name.text, candidates())[0];
      this.suggestions.set(key, best);
    }
    const fixes = best === undefined ? [] : [replaceName(name.span, best)];
    const where = extras.where ? ` ${extras.where}` : "";
    const hint = best ? ` (did you mean \`${best}\`?)` : "";
    this.error(code, name.span, `unknown ${what} \`${name.text}\`${where}${hint}`, {
      ...extras,
      fixes: [...fixes, ...(extras.fixes ?? [])],
    });
  }
}

export function replaceName(span: Span, newText: string): Fix {
  return { title: `replace with \`${newText}\``, edits: [{ span, newText }] };
}

/** A name that the parser actually read (recovery leaves empty or missing names behind). */
export function present(name: Name | undefined): name is Name {
  return name !== undefined && name.text !== "";
}
