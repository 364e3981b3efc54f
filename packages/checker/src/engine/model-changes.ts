// Which parts of the Model (rule.ts `ModelPart`) are equal to the previous check's, their spans
// relocated: the test that lets a re-check reuse a rule's findings. Each part is compared once
// per check, and cheaply: an entry the incremental compile kept is the same object, and one it
// moved is a copy of the previous entry with its spans moved (compiler `movedFrom`), which is
// the relocation itself when the move agrees with it; the ops table is not even listed when the
// compiler tells which ops were built afresh and which moved (`opsChangedSince`). Only the
// remaining entries (in an edit session: the edited declaration's) are compared field by field.

import { type Model, movedFrom, opsChangedSince } from "@archc/compiler";
import { modelLists } from "../graph/model-lists.js";
import type { ModelPart } from "../rule.js";
import type { Relocation } from "./relocation.js";

type Table =
  | "types"
  | "stores"
  | "brokers"
  | "topics"
  | "events"
  | "ops"
  | "flows"
  | "sagas"
  | "gateways"
  | "deployments";

export class ModelChanges {
  private readonly known = new Map<ModelPart, boolean>();
  /** Positions of the services that are neither kept nor moved; undefined if the names differ. */
  private changedServices: readonly number[] | undefined | null = null;

  constructor(
    readonly previous: Model,
    readonly model: Model,
    readonly relocation: Relocation,
  ) {}

  /** Whether every part in `parts` is equal to before, spans relocated. */
  unchanged(parts: readonly ModelPart[]): boolean {
    for (const part of parts) {
      let same = this.known.get(part);
      if (same === undefined) {
        same = this.compare(part);
        this.known.set(part, same);
      }
      if (!same) return false;
    }
    return true;
  }

  private compare(part: ModelPart): boolean {
    const dot = part.indexOf(".");
    if (dot === -1) {
      if (part === "system") return this.relocation.sameRelocated(this.previous.system, this.model.system);
      return this.sameTable(part as Table);
    }
    const group = part.slice(0, dot);
    const field = part.slice(dot + 1);
    if (group === "index") {
      const index = field as keyof Model["index"];
      return this.relocation.sameRelocated(this.previous.index[index], this.model.index[index]);
    }
    const changed = this.servicesChanged();
    if (changed === undefined) return false;
    const was = modelLists(this.previous).services;
    const now = modelLists(this.model).services;
    for (const i of changed) {
      const a = was[i] as unknown as Record<string, unknown>;
      const b = now[i] as unknown as Record<string, unknown>;
      if (!this.relocation.sameRelocated(a[field], b[field])) return false;
    }
    return true;
  }

  private servicesChanged(): readonly number[] | undefined {
    if (this.changedServices !== null) return this.changedServices;
    const was = modelLists(this.previous);
    const now = modelLists(this.model);
    this.changedServices = undefined;
    if (!sameList(was.serviceNames, now.serviceNames)) return undefined;
    const changed: number[] = [];
    for (let i = 0; i < now.services.length; i++)
      if (!this.kept(was.services[i], now.services[i])) changed.push(i);
    this.changedServices = changed;
    return changed;
  }

  private sameTable(table: Table): boolean {
    const was = this.previous[table] as Record<string, object>;
    const now = this.model[table] as Record<string, object>;
    if (was === now) return true;
    if (table === "ops") {
      // The compiler says which ops are not the previous entries or their moved copies.
      const ops = opsChangedSince(this.model, this.previous);
      if (ops !== undefined) {
        for (const shift of ops.moved) if (!this.relocation.agrees(shift)) return false;
        for (const id of ops.fresh)
          if (was[id] !== now[id] && !this.relocation.sameRelocated(was[id], now[id])) return false;
        return true;
      }
    }
    const names = namesOf(now);
    if (!sameList(namesOf(was), names)) return false;
    for (const name of names) {
      const a = was[name];
      const b = now[name];
      if (!this.kept(a, b) && !this.relocation.sameRelocated(a, b)) return false;
    }
    return true;
  }

  /** Whether `now` is `was`, or a copy of it moved as the relocation moves its text. */
  private kept(was: object, now: object): boolean {
    if (was === now) return true;
    const shift = movedFrom(now, was);
    return shift !== undefined && this.relocation.agrees(shift);
  }
}

/**
 * A table's names in order, kept per table object: the previous Model's were listed by the
 * previous check (`Object.keys` of the ten thousand ops costs a millisecond; `Object.values`
 * three).
 */
function namesOf(table: object): readonly string[] {
  let names = tableNames.get(table);
  if (names === undefined) {
    names = Object.keys(table);
    tableNames.set(table, names);
  }
  return names;
}

const tableNames = new WeakMap<object, readonly string[]>();

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
