// What a chain of incremental compilations remembers, kept in one place and updated in place:
// copying every memo into new tables on each compilation made the cost of an edit grow with
// the workspace, and their garbage was the largest single share of it.
//
// A memo stands for the compilation that last checked it: `checked` is that compilation's
// version, and only memos checked by the previous compilation are reused (one that was not
// visited — its declaration was shadowed by a duplicate, or its service deleted — may be out
// of date). The store's version is that of the last compilation that finished writing to it;
// a compilation resumes from a store only while the store is at its `previous`'s version, so
// compiling again from an older Compilation (or after a compilation threw half-way) starts
// afresh. Declaration-keyed memos are held weakly: they go with their syntax trees.

import type { Stage } from "../compile.js";
import type { DeclMemo } from "./decl-reuse.js";
import type { ServiceMemo } from "./service-reuse.js";
import type { Replay } from "./stage-replay.js";
import type { TypeMemo } from "./type-reuse.js";

/** A memo's stamp: the version of the compilation that last found it valid. */
export interface Checked {
  checked: number;
}

/** The versions one compilation works with. */
export interface Versions {
  /** Memos stamped with this were checked by the previous compilation: they may be reused. */
  readonly previous: number;
  /** This compilation's stamp. */
  readonly current: number;
}

export class ReuseStore {
  /** The last compilation that finished writing; -1 while one is writing. */
  version = 0;
  /** Records and enums by declaration. */
  readonly types = new WeakMap<object, TypeMemo>();
  /**
   * Per stage, the last compilation that checked its memos one by one — a stage may skip
   * them all and keep its previous tables whole (the types, the infrastructure) — and whether
   * it left a memo for every entry.
   */
  readonly stages = new Map<Stage, { readonly version: number; readonly complete: boolean }>();
  /** Infrastructure entries, flows and sagas by declaration. */
  readonly decls = new WeakMap<object, DeclMemo>();
  /** By service name (a moved declaration is a new object; its name finds its memo). */
  readonly services = new Map<string, ServiceMemo>();
  /** What checks found, by the tables they read (stage-replay.ts). */
  readonly replays = new Map<Stage, Replay>();

  /** The version a memo of `stage` must carry to be reused. */
  checkedVersion(stage: Stage): number {
    return this.stages.get(stage)?.version ?? 0;
  }

  /** Starts a compilation that resumes from version `from` (0: nothing to reuse). */
  begin(from: number): Versions {
    this.version = -1;
    return { previous: from, current: from + 1 };
  }

  /** Ends it: its memos are the ones to reuse next. */
  end(versions: Versions, services: number): void {
    this.version = versions.current;
    // Names of deleted services pile up; drop them once they outnumber the live ones.
    if (this.services.size > 2 * services + 64)
      for (const [name, memo] of this.services)
        if (memo.checked !== versions.current) this.services.delete(name);
  }
}
