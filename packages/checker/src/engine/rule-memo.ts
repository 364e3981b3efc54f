// Findings remembered per model element between checks, for re-checking after an edit: a rule
// that reports through `ctx.forElement` gets its earlier findings about an element back while
// the element is the very same object (an incremental compile keeps the elements of unchanged
// declarations) and everything else the findings were computed from is equal. Held by whoever
// re-checks (the language server, per compilation); a one-off check runs without one.

import { sameValue } from "@archc/compiler";
import type { Finding } from "./suppressions.js";

interface Remembered {
  readonly inputs: readonly unknown[];
  readonly findings: readonly Finding[];
}

export class RuleMemo {
  /** Per rule, its severity and options: what it found per element. */
  private readonly tables = new Map<string, WeakMap<object, Remembered>>();
  /** Elements answered from memory and elements computed, since the memo was made. */
  readonly stats = { reused: 0, computed: 0 };

  /** The findings remembered for an element, if its inputs are equal to the remembered ones. */
  recall(table: string, element: object, inputs: readonly unknown[]): readonly Finding[] | undefined {
    const entry = this.tables.get(table)?.get(element);
    if (entry === undefined || !sameValue(entry.inputs, inputs)) return undefined;
    this.stats.reused++;
    return entry.findings;
  }

  remember(table: string, element: object, inputs: readonly unknown[], findings: readonly Finding[]): void {
    let t = this.tables.get(table);
    if (t === undefined) {
      t = new WeakMap();
      this.tables.set(table, t);
    }
    t.set(element, { inputs, findings });
    this.stats.computed++;
  }
}
