// The entries a moved service brings along (span-shift.ts) — its Model entry, its ops and its
// API table entries — copied with their spans moved. Where the spans sit is listed here rather
// than searched for (a walk over every object of every entry cost ten times more); a test
// checks the lists against the Model schema, so a span added to the schema cannot be missed.

import type { Op, Service } from "../model/schema.js";
import type { ApiEntry } from "../names/api-table.js";
import { moveSpan, type Shift } from "./span-shift.js";
import type { Span } from "@archc/dsl";

/** Span fields of a service entry ("") and of the elements of its lists. */
export const SERVICE_SPANS = {
  "": ["span", "nameSpan"],
  env: ["span"],
  secrets: ["span"],
  uses: ["span"],
  apis: ["span", "nameSpan"],
  calls: ["span", "targetSpan"],
  publishes: ["span"],
  consumes: ["span"],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/** Span fields of an op entry. */
export const OP_SPANS = ["span", "nameSpan"] as const;

/** The entries of a service, with their spans moved. */
export interface MovedEntries {
  readonly service: Service;
  readonly ops: readonly Op[];
  readonly apiEntries: readonly ApiEntry[];
}

/**
 * Moved services, by the previous entry each copies, so a consumer that remembers something
 * per entry (the checker's findings) can tell a moved copy from a changed entry without
 * comparing them (their ops: compile-incremental.ts `opsChangedSince`). Keyed by the previous entry, held weakly: a record lives only as
 * long as the entry copied (keyed by the copy, it would chain every copy to its predecessors).
 */
const copies = new WeakMap<object, { readonly copy: object; readonly shift: Shift }>();

/**
 * The move that made `entry` from `previous` (an entry of the previous compilation) when
 * `entry` is a copy of it with every span moved by that shift and nothing else changed;
 * undefined for any other pair.
 */
export function movedFrom(entry: object, previous: object): Shift | undefined {
  const c = copies.get(previous);
  return c !== undefined && c.copy === entry ? c.shift : undefined;
}

/** The entries moved by `shift`; undefined when one holds a span from outside the declaration. */
export function moveEntries(
  service: Service,
  ops: readonly Op[],
  apiEntries: readonly ApiEntry[],
  shift: Shift,
): MovedEntries | undefined {
  const moved = withMoved(service, SERVICE_SPANS[""], shift);
  if (moved === undefined) return undefined;
  for (const key of LIST_KEYS) {
    const list = allMoved<object>(service[key], SERVICE_SPANS[key], shift);
    if (list === undefined) return undefined;
    moved[key] = list;
  }
  const movedOps = allMoved(ops, OP_SPANS, shift);
  const movedApis = allMoved(apiEntries, API_ENTRY_SPANS, shift);
  if (movedOps === undefined || movedApis === undefined) return undefined;
  copies.set(service, { copy: moved, shift });
  return { service: moved as Service, ops: movedOps, apiEntries: movedApis };
}

/** Span fields of an API table entry (compiler-internal, not in the schema). */
const API_ENTRY_SPANS = ["nameSpan"] as const;

const LIST_KEYS = Object.keys(SERVICE_SPANS).filter((k) => k !== "") as Exclude<
  keyof typeof SERVICE_SPANS,
  ""
>[];

function allMoved<T extends object>(
  entries: readonly T[],
  fields: readonly string[],
  shift: Shift,
): T[] | undefined {
  const out: T[] = [];
  for (const e of entries) {
    const moved = withMoved(e, fields, shift);
    if (moved === undefined) return undefined;
    out.push(moved as T);
  }
  return out;
}

/** A copy of `entry` (key order kept) with the spans in `fields` moved. */
function withMoved(
  entry: object,
  fields: readonly string[],
  shift: Shift,
): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = { ...entry };
  for (const field of fields) {
    const span = out[field] as Span | undefined;
    if (span === undefined) continue;
    const moved = moveSpan(span, shift);
    if (moved === undefined) return undefined;
    out[field] = moved;
  }
  return out;
}
