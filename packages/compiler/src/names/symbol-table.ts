// The namespace: every top-level declaration by name, in declaration order and by kind.
//
// A table is built symbol by symbol (collect-decls.ts), or — by incremental compilation, when
// an edit declares the same names in the same order — made from the previous one with some
// symbols replaced (`replacing`): it then holds only the replaced names and looks the others
// up in the table it was made from, so it costs the edit, not the workspace.

import type { DeclKind, DeclSymbol, SymbolOf } from "./collect-decls.js";

export class SymbolTable {
  /** Names declared (for a table made by `replacing`: those whose symbol differs from `base`'s). */
  private readonly byName: Map<string, DeclSymbol>;
  /** The table built symbol by symbol that this one overlays. */
  private readonly base: SymbolTable | undefined;
  private readonly byKind: Map<DeclKind, DeclSymbol[]>;
  private readonly ordered: DeclSymbol[];

  constructor(
    byName = new Map<string, DeclSymbol>(),
    base?: SymbolTable,
    byKind = new Map<DeclKind, DeclSymbol[]>(),
    ordered: DeclSymbol[] = [],
  ) {
    this.byName = byName;
    this.base = base;
    this.byKind = byKind;
    this.ordered = ordered;
  }

  /**
   * The same names, kinds and order as `table`, each `[old, now]` of `replaced` (in declaration
   * order, `now` of the same name and kind as `old`) declared by `now` instead. Undefined when
   * the replaced names would outnumber a quarter of the table: build one afresh then.
   */
  static replacing(
    table: SymbolTable,
    replaced: readonly (readonly [DeclSymbol, DeclSymbol])[],
  ): SymbolTable | undefined {
    const base = table.base ?? table;
    const own = new Map(table.base === undefined ? [] : table.byName);
    for (let i = 0; i < replaced.length; i++) {
      const old = replaced[i][0];
      const now = replaced[i][1];
      if (old.name !== now.name || old.kind !== now.kind) return undefined;
      own.set(now.name, now);
    }
    if (own.size * 4 > base.byName.size) return undefined;
    const ordered = table.ordered.slice();
    if (!replaceInOrder(ordered, replaced)) return undefined;
    const byKind = new Map<DeclKind, DeclSymbol[]>();
    for (const [kind, list] of table.byKind) {
      const copy = list.slice();
      if (
        !replaceInOrder(
          copy,
          replaced.filter((pair) => pair[0].kind === kind),
        )
      )
        return undefined;
      byKind.set(kind, copy);
    }
    return new SymbolTable(own, base, byKind, ordered);
  }

  add(sym: DeclSymbol): void {
    this.byName.set(sym.name, sym);
    this.ordered.push(sym);
    const list = this.byKind.get(sym.kind);
    if (list) list.push(sym);
    else this.byKind.set(sym.kind, [sym]);
  }

  /**
   * Names looked up while `tracking` is set (incremental compilation records what each
   * declaration's result depends on); undefined in a plain compile.
   */
  tracking: Set<string> | undefined;

  get(name: string): DeclSymbol | undefined {
    if (this.tracking !== undefined) this.tracking.add(name);
    return this.peek(name);
  }

  /** Looks `name` up without recording a dependency (for checks outside any build). */
  peek(name: string): DeclSymbol | undefined {
    const own = this.byName.get(name);
    return own !== undefined || this.base === undefined ? own : this.base.byName.get(name);
  }

  /** Records a dependency on `name` without looking it up (for lookups cached elsewhere). */
  touch(name: string): void {
    if (this.tracking !== undefined) this.tracking.add(name);
  }

  /** Every declaration, in declaration order (file load order, then source order). */
  all(): readonly DeclSymbol[] {
    return this.ordered;
  }

  /** Declarations of one kind, in declaration order. */
  ofKind<K extends DeclKind>(kind: K): readonly SymbolOf<K>[] {
    return (this.byKind.get(kind) ?? []) as SymbolOf<K>[];
  }

  /**
   * How many declarations of `kinds` there are when this table holds the very same symbols of
   * those kinds as `other`, in the same order; undefined otherwise.
   */
  sameSymbolsAs(other: SymbolTable, kinds: readonly DeclKind[]): number | undefined {
    let count = 0;
    for (const kind of kinds) {
      const was = other.ofKind(kind);
      const now = this.ofKind(kind);
      if (was.length !== now.length) return undefined;
      for (let i = 0; i < now.length; i++) if (was[i] !== now[i]) return undefined;
      count += now.length;
    }
    return count;
  }

  /** Names of the given kinds (for did-you-mean). */
  *names(kinds: readonly DeclKind[]): Iterable<string> {
    for (const k of kinds) for (const s of this.byKind.get(k) ?? []) yield s.name;
  }
}

/**
 * Replaces each `old` of `pairs` (in list order) by its `now` in `list`; false when one is
 * missing. A file's symbols sit together, so after the first of a run the rest follow it.
 */
function replaceInOrder(list: DeclSymbol[], pairs: readonly (readonly [DeclSymbol, DeclSymbol])[]): boolean {
  let at = 0;
  for (let i = 0; i < pairs.length; i++) {
    const old = pairs[i][0];
    if (list[at] !== old) at = list.indexOf(old, at);
    if (at < 0) return false;
    list[at++] = pairs[i][1];
  }
  return true;
}
