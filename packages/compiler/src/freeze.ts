// The compiled Model is immutable: rules, emitters and the language server share one instance,
// and incremental compilation hands the same entry objects to successive compilations.
//
// How that is enforced:
// - always (the type system): every Model type is `readonly` all the way down;
// - always (at run time, cheap): the Model object, its top-level tables and lists (`types`,
//   `services`, `ops`, …, `files`, `suppressions`, `index` and the index's tables) are frozen, so adding, replacing or
//   deleting an entry throws in strict mode;
// - in tests and when debugging (`ARCHC_DEEP_FREEZE=1`, set for every vitest run in
//   vitest.config.ts): every object reachable from the Model is frozen too, so a stage or rule
//   that mutates an entry fails loudly. Deep freezing is not the default because it visits
//   every object of the Model (millions at 10k services) and cost about 30% of compile time.
// Walked with plain loops and no call per primitive. Already-frozen objects (shared subtrees,
// entries reused from a previous compilation) are not walked again.

import type { Model } from "./model/schema.js";

const DEEP = typeof process !== "undefined" && process.env?.ARCHC_DEEP_FREEZE === "1";

/** Freezes the Model: its tables always, every object in it when `ARCHC_DEEP_FREEZE=1`. */
export function freezeModel(model: Model, deep: boolean = DEEP): Model {
  if (deep) return deepFreeze(model);
  const record = model as unknown as Record<string, unknown>;
  for (const key in record) {
    const table = record[key];
    if (typeof table === "object" && table !== null) freezeTable(table);
  }
  for (const table of Object.values(model.index)) freezeTable(table);
  return Object.freeze(model);
}

/** Tables frozen here: incremental compilation passes some on to the next Model. */
const frozenTables = new WeakSet<object>();

/** Freezing a table visits each of its entries, even when it is frozen already. */
function freezeTable(table: object): void {
  if (frozenTables.has(table)) return;
  Object.freeze(table);
  frozenTables.add(table);
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) freeze(value);
  return value;
}

function freeze(value: object): void {
  if (Object.isFrozen(value)) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === "object" && v !== null) freeze(v);
    }
  } else {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const v = record[key];
      if (typeof v === "object" && v !== null) freeze(v);
    }
  }
  Object.freeze(value);
}
