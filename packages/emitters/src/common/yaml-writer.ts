// Block-style YAML for plain data (objects, arrays, strings, numbers, booleans, null), written
// straight into one string: the same text the `yaml` package produces for it under toYaml's
// options, at a fraction of the cost, as emitters write tens of megabytes for a large system.
// Anything else (a Date, a Map, a bigint, an array hole, an overlong key, a lone scalar) is
// left to the package: `writeBlockYaml` then returns undefined.

import { scalarString } from "./yaml-scalar.js";

/** Raised inside the writer when the value holds something only the `yaml` package handles. */
class Unsupported extends Error {}

/** Longest key written as `key:`; the package writes longer ones as explicit `? key` entries. */
const MAX_IMPLICIT_KEY = 1024;

export interface BlockYaml {
  readonly text: string;
  /** True when some map has a `<<` key (written plain, as the package does; see toYaml). */
  readonly mergeLikeKey: boolean;
}

/** The document body for an object or array, without the final newline. */
export function writeBlockYaml(value: unknown): BlockYaml | undefined {
  if (!isCollection(value)) return undefined;
  const state = { mergeLikeKey: false };
  try {
    return { text: collection(value, "", state), mergeLikeKey: state.mergeLikeKey };
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

function isCollection(value: unknown): value is object {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return (
    (proto === Object.prototype || proto === null) &&
    typeof (value as { toJSON?: unknown }).toJSON !== "function"
  );
}

/** A collection whose own lines start at `indent` (its first line follows whatever precedes it). */
function collection(value: object, indent: string, state: { mergeLikeKey: boolean }): string {
  const inner = `${indent}  `;
  let out = "";
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || value[i] === undefined) throw new Unsupported();
      out += `${i === 0 ? "" : `\n${indent}`}- ${item(value[i], inner, state)}`;
    }
    return out === "" ? "[]" : out;
  }
  const record = value as Record<string, unknown>;
  for (const k of Object.keys(record)) {
    if (k === "<<") state.mergeLikeKey = true;
    const v = record[k];
    if (v === undefined) continue;
    const key = scalarString(k, true, inner);
    if (key.length > MAX_IMPLICIT_KEY) throw new Unsupported();
    out += `${out === "" ? "" : `\n${indent}`}${key}:${pairValue(v, inner, state)}`;
  }
  return out === "" ? "{}" : out;
}

/** A sequence item after its `- `. */
function item(v: unknown, indent: string, state: { mergeLikeKey: boolean }): string {
  return isCollection(v) ? collection(v, indent, state) : scalar(v, indent);
}

/** What follows `key:`: a space and a scalar or empty collection, or a nested block on new lines. */
function pairValue(v: unknown, indent: string, state: { mergeLikeKey: boolean }): string {
  if (!isCollection(v)) return ` ${scalar(v, indent)}`;
  const body = collection(v, indent, state);
  return body === "[]" || body === "{}" ? ` ${body}` : `\n${indent}${body}`;
}

function scalar(v: unknown, indent: string): string {
  switch (typeof v) {
    case "string":
      return scalarString(v, false, indent);
    case "number":
      if (Number.isFinite(v)) return Object.is(v, -0) ? "-0" : String(v);
      return Number.isNaN(v) ? ".nan" : v < 0 ? "-.inf" : ".inf";
    case "boolean":
      return v ? "true" : "false";
    default:
      if (v === null) return "null";
      throw new Unsupported();
  }
}
