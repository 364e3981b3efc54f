// Whether a name that a reused entry looked up still gives it what it gave in the previous
// compilation. What a lookup gives is the name's kind and, for the kinds whose content
// dependents read (records, enums, aliases, services, events), its fingerprint
// (incremental/fingerprint.ts); for the other kinds the kind is all a lookup sees.
//
// Most names need no look at the Model: a name not declared in a file whose syntax tree
// changed keeps its declaration, hence its kind (`changed`, see changedNames), and an entry not
// rebuilt in this compilation is the previous entry object, hence has its fingerprint — once
// the stage building its table is over. Most need not even be looked up: when no changed or
// rebuilt name is (or was) of a name's recorded kind, it is neither. The others (`suspect`)
// are checked in full: a record, enum, service or event whose entry is the previous object
// (every name has at most one entry, in the table of its kind) has the same kind and
// fingerprint; otherwise the kinds are compared, then the fingerprints. An alias's
// fingerprint covers the records inside it, so aliases are always rebuilt and compared. A
// service moved along with its declaration (span-shift.ts) keeps its fingerprint.
// Fingerprints are computed only for names whose table is final: one cache serves the whole
// compilation and the next one.

import type { Stage } from "../compile.js";
import type { CompileContext } from "../context.js";
import type { Model } from "../model/schema.js";
import type { DeclKind, SymbolTable } from "../names/collect-decls.js";
import { isPrimitiveName } from "../types/type-expr.js";
import { Fingerprints } from "./fingerprint.js";

/** What a build sees of a name: a primitive, the kind of its symbol, or nothing ("none"). */
export function kindOf(ctx: CompileContext, name: string): string {
  if (isPrimitiveName(name)) return "prim";
  return ctx.symbols.peek(name)?.kind ?? "none";
}

/** The kinds of `names` now, for a memo. */
export function kindsOf(ctx: CompileContext, names: readonly string[]): string[] {
  return names.map((n) => kindOf(ctx, n));
}

/** The table holding the entries of a kind whose content dependents read, and its stage. */
const READ_TABLE: Readonly<Record<string, readonly ["types" | "services" | "events", Stage] | undefined>> = {
  record: ["types", "types"],
  enum: ["types", "types"],
  alias: ["types", "types"],
  service: ["services", "services"],
  event: ["events", "infra"],
};

export class DependencyCheck {
  private current: Fingerprints | undefined;
  /** Names whose entry this compilation built afresh. */
  private readonly rebuilt = new Set<string>();
  /** Services whose entry is the previous one moved to a new position: same fingerprint. */
  private readonly moved = new Set<string>();
  /**
   * The kinds of the names that are suspect (changed or rebuilt, then and now): a looked-up
   * name of another kind needs no look at all. Undefined until the first stage: all kinds.
   */
  private suspectKinds: Set<string> | undefined;
  /** Stages that have run to the end. */
  private readonly done = new Set<Stage>();
  private stage: Stage | undefined;

  /**
   * `before`: the previous compilation's finished Model and its fingerprints, and its symbols.
   * `changed`: the names that may be declared differently now (undefined when not known).
   */
  constructor(
    private readonly before: Fingerprints | undefined,
    private readonly symbolsBefore: SymbolTable | undefined,
    private readonly changed: ReadonlySet<string> | undefined,
  ) {}

  /** The pipeline starts `stage` (the previous one is over). */
  enter(stage: Stage, ctx: CompileContext): void {
    if (this.stage !== undefined) this.done.add(this.stage);
    else if (this.changed !== undefined && this.symbolsBefore !== undefined) {
      this.suspectKinds = new Set();
      for (const name of this.changed) {
        this.suspectKinds.add(this.symbolsBefore.peek(name)?.kind ?? "none");
        this.suspectKinds.add(ctx.symbols.peek(name)?.kind ?? "none");
      }
    }
    this.stage = stage;
  }

  /**
   * Whether no changed or rebuilt name is (or was) of one of `kinds`, and the tables of those
   * kinds are complete: every name looked up as one of them gives what it gave before.
   */
  quiet(kinds: readonly DeclKind[]): boolean {
    const suspect = this.suspectKinds;
    return suspect !== undefined && kinds.every((k) => !suspect.has(k) && this.final(k));
  }

  /** Records that `name`, of `kind`, had its entry built afresh in this compilation. */
  markRebuilt(name: string, kind: DeclKind): void {
    this.rebuilt.add(name);
    this.suspectKinds?.add(kind);
  }

  /** Records that `service`'s entry is its previous one moved (its APIs and ops are the same). */
  markMoved(service: string): void {
    this.moved.add(service);
  }

  /** Whether every name in `deps` is of the kind in `kinds` (same index) and gives the same. */
  unchanged(ctx: CompileContext, deps: readonly string[], kinds: readonly string[]): boolean {
    if (this.before === undefined) return false;
    for (let i = 0; i < deps.length; i++) {
      const name = deps[i];
      const kind = kinds[i];
      if (kind === "prim") continue;
      if (this.final(kind) && (this.suspectKinds?.has(kind) === false || !this.suspect(name, kind))) continue;
      if (!this.same(ctx, name, kind)) return false;
    }
    return true;
  }

  /** The fingerprints of this compilation's finished Model, for the next one. */
  finish(model: Model): Fingerprints {
    return this.current ?? new Fingerprints(model);
  }

  private suspect(name: string, kind: string): boolean {
    return this.changed === undefined || this.changed.has(name) || kind === "alias" || this.rebuilt.has(name);
  }

  /** Whether the table of `kind`'s entries is complete (kinds read for their kind alone are). */
  private final(kind: string): boolean {
    const read = READ_TABLE[kind];
    return read === undefined || this.done.has(read[1]);
  }

  private same(ctx: CompileContext, name: string, kind: string): boolean {
    const read = READ_TABLE[kind];
    const was = (this.before as Fingerprints).model;
    if (read !== undefined && kind !== "alias") {
      const entry = (ctx.model[read[0]] as Record<string, unknown>)[name];
      if (entry !== undefined && entry === (was[read[0]] as Record<string, unknown>)[name]) return true;
    }
    if (kindOf(ctx, name) !== kind) return false;
    if (read === undefined) return true;
    if (kind === "service" && this.moved.has(name)) return true;
    if (!this.done.has(read[1])) return false; // its entry may not be built yet
    this.current ??= new Fingerprints(ctx.model);
    return (this.before as Fingerprints).of(name) === this.current.of(name);
  }
}
