// Findings remembered between checks, for re-checking after an edit. Two grains:
// - per rule: a rule that lists the Model parts it reads (`Rule.reads`) gets its previous
//   findings back, spans relocated, while those parts are equal to the previous check's
//   (model-changes.ts, relocation.ts);
// - per element: a rule that reports through `ctx.forElement` gets its earlier findings about
//   an element back while the element is the very same object (an incremental compile keeps
//   the elements of unchanged declarations) and everything else the findings were computed
//   from is equal.
// Held by whoever re-checks (the language server, per compilation); a one-off check runs
// without one.

import { type Model, sameValue } from "@archc/compiler";
import type { Workspace } from "@archc/dsl";
import type { ModelPart } from "../rule.js";
import { ModelChanges } from "./model-changes.js";
import { Relocation } from "./relocation.js";
import type { Finding } from "./suppressions.js";

interface Remembered {
  readonly inputs: readonly unknown[];
  readonly findings: readonly Finding[];
}

/** A rule's findings over one Model. */
interface RuleFindings {
  readonly model: Model;
  readonly findings: readonly Finding[];
}

export class RuleMemo {
  /** Per rule, its severity and options: what it found per element. */
  private readonly tables = new Map<string, WeakMap<object, Remembered>>();
  /** Per rule, its severity and options: what it found on the latest Model it ran on. */
  private readonly rules = new Map<string, RuleFindings>();
  /** The Model (and its workspace, when known) of the latest check. */
  private latest: { readonly model: Model; readonly workspace?: Workspace } | undefined;
  /**
   * Elements answered from memory and elements computed, and rules answered from memory, since
   * the memo was made.
   */
  readonly stats = { reused: 0, computed: 0, rulesReused: 0 };

  /**
   * Starts the check of `model`: how it differs from the previous check's Model, or undefined
   * for the first check.
   */
  begin(model: Model, workspace: Workspace | undefined): ModelChanges | undefined {
    const latest = this.latest;
    this.latest = { model, workspace };
    if (latest === undefined) return undefined;
    const relocation =
      latest.workspace !== undefined && workspace !== undefined
        ? Relocation.between(latest.workspace, workspace)
        : Relocation.none;
    return new ModelChanges(latest.model, model, relocation);
  }

  /**
   * A rule's findings on the previous Model, relocated, when it ran on that Model and the parts
   * it reads are unchanged; undefined otherwise (or if a finding's span cannot be relocated).
   */
  recallRule(
    table: string,
    changes: ModelChanges,
    reads: readonly ModelPart[],
  ): readonly Finding[] | undefined {
    const entry = this.rules.get(table);
    if (entry === undefined || entry.model !== changes.previous || !changes.unchanged(reads))
      return undefined;
    const findings: Finding[] = [];
    for (const f of entry.findings) {
      const moved = changes.relocation.finding(f);
      if (moved === undefined) return undefined;
      findings.push(moved);
    }
    this.rules.set(table, { model: changes.model, findings });
    this.stats.rulesReused++;
    return findings;
  }

  rememberRule(table: string, model: Model, findings: readonly Finding[]): void {
    this.rules.set(table, { model, findings });
  }

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
