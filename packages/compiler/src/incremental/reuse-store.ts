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

import type { DeclMemo } from "./decl-reuse.js";
import type { ServiceMemo } from "./service-reuse.js";
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
   * Type memos are checked one by one, or not at all when no type was declared differently
   * (type-reuse.ts keeps the previous table): the last compilation that checked them, and
   * whether it left a memo for every type (no alias, no diagnostic).
   */
  typesChecked = 0;
  typesComplete = false;
  /** Infrastructure entries, flows and sagas by declaration. */
  readonly decls = new WeakMap<object, DeclMemo>();
  /** By service name (a moved declaration is a new object; its name finds its memo). */
  readonly services = new Map<string, ServiceMemo>();

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
