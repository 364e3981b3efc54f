// Structural sharing between successive compilations: an entry rebuilt in this compilation
// that is equal, key order included, to the previous compilation's entry of the same name is
// replaced by that previous object, so consumers may memoise per entry by identity. Entries
// reused from the previous compilation are already those objects: only the names the reuse
// passes list as built afresh are compared, in the tables they track.

import { isSpan, sameSpan, TextSpan } from "@archc/dsl";
import type { Model } from "../model/schema.js";

/** Tables whose entries are rebuilt on every compilation and then shared when unchanged. */
export const SHARED_TABLES = [
  "types",
  "stores",
  "brokers",
  "topics",
  "events",
  "services",
  "ops",
  "flows",
  "sagas",
  "gateways",
  "deployments",
] as const;

export type SharedTable = (typeof SHARED_TABLES)[number];

/** Per table, the names of the entries built in this compilation (the others are reused). */
export type FreshEntries = ReadonlyMap<SharedTable, readonly string[]>;

/** `fresh`: tables it leaves out are compared in full. */
export function shareUnchanged(previous: Model, next: Model, fresh: FreshEntries = new Map()): void {
  for (const table of SHARED_TABLES) {
    const before = previous[table] as Record<string, unknown>;
    const after = next[table] as Record<string, unknown>;
    const names = fresh.get(table);
    if (names !== undefined) for (const name of names) shareEntry(before, after, name);
    else for (const name in after) shareEntry(before, after, name);
  }
}

function shareEntry(before: Record<string, unknown>, after: Record<string, unknown>, name: string): void {
  if (!Object.hasOwn(after, name)) return;
  const old = before[name];
  const now = after[name];
  if (old !== undefined && old !== now && Object.hasOwn(before, name) && sameValue(old, now))
    after[name] = old;
}

/**
 * Deep equality of JSON-like values (the Model, diagnostics), including the order of object
 * keys; identical objects short-cut. Sets and Maps are never equal unless identical (their
 * contents are not own keys).
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || a instanceof Set || a instanceof Map || b instanceof Set || b instanceof Map)
    return false;
  // A parser's span (offsets and its file's line table) is equal to any span with its values.
  if (a instanceof TextSpan || b instanceof TextSpan) return isSpan(a) && isSpan(b) && sameSpan(a, b);
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !sameValue(ra[ka[i]], rb[kb[i]])) return false;
  }
  return true;
}
