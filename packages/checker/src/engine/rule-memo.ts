// Findings remembered per model element between checks, for re-checking after an edit: a rule
// that reports through `ctx.forElement` gets its earlier findings about an element back while
// the element is the very same object (an incremental compile keeps the elements of unchanged
// declarations) and everything else the findings were computed from is equal. Held by whoever
// re-checks (the language server, per compilation); a one-off check runs without one.

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
    if (entry === undefined || !sameInputs(entry.inputs, inputs)) return undefined;
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

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
  return true;
}

/**
 * Equality of model data: the same object, or plain objects and arrays with equal contents
 * (index entries are rebuilt by every compile; elements of changed declarations are new).
 */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || a instanceof Set || a instanceof Map || b instanceof Set || b instanceof Map)
    return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k)) return false;
    if (!sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}
