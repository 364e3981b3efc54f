// Block-style YAML for plain data (objects, arrays, strings, numbers, booleans, null), written
// straight into one string: the same text the `yaml` package produces for it under toYaml's
// options, at a fraction of the cost, as emitters write tens of megabytes for a large system.
// Anything else (a Date, a Map, a bigint, an array hole, an overlong key, a lone scalar) is
// left to the package: `writeBlockYaml` then returns undefined.

import { scalarString } from "./yaml-scalar.js";
import { isSharedInYaml } from "./yaml-shared.js";

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
  // Pieces joined once at the end: a flat string, not a rope of millions of short concatenations
  // that lives as long as the file does.
  const out: Writer = { parts: [], mergeLikeKey: false };
  try {
    if (isEmpty(value)) out.parts.push(Array.isArray(value) ? "[]" : "{}");
    else collection(value, 0, out);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  return { text: out.parts.join(""), mergeLikeKey: out.mergeLikeKey };
}

interface Writer {
  readonly parts: string[];
  mergeLikeKey: boolean;
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

/** An array without items or an object whose every value is undefined (written `[]`, `{}`). */
function isEmpty(value: object): boolean {
  if (Array.isArray(value)) return value.length === 0;
  for (const k in value)
    if ((value as Record<string, unknown>)[k] !== undefined && Object.hasOwn(value, k)) return false;
  return true;
}

const indents: string[] = [""];
const breaks: string[] = ["\n"];
/** The indentation of nesting level `depth`, and a line break followed by it. */
function indentOf(depth: number): string {
  while (indents.length <= depth) {
    indents.push(`${indents[indents.length - 1]}  `);
    breaks.push(`\n${indents[indents.length - 1]}`);
  }
  return indents[depth];
}

/** A non-empty collection whose lines after the first start at nesting level `depth`. */
function collection(value: object, depth: number, out: Writer): void {
  const inner = depth + 1;
  const innerIndent = indentOf(inner);
  const lineBreak = breaks[depth];
  const { parts } = out;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new Unsupported();
      const v: unknown = value[i];
      parts.push(i === 0 ? "- " : `${lineBreak}- `);
      if (typeof v !== "object" || v === null) parts.push(scalar(v, innerIndent));
      else if (!isCollection(v)) throw new Unsupported();
      else if (isEmpty(v)) parts.push(Array.isArray(v) ? "[]" : "{}");
      else nested(v, inner, out);
    }
    return;
  }
  const record = value as Record<string, unknown>;
  let first = true;
  for (const k of Object.keys(record)) {
    if (k === "<<") out.mergeLikeKey = true;
    const v = record[k];
    if (v === undefined) continue;
    const key = scalarString(k, true, innerIndent);
    if (key.length > MAX_IMPLICIT_KEY) throw new Unsupported();
    if (!first) parts.push(lineBreak);
    first = false;
    parts.push(key);
    if (typeof v !== "object" || v === null) parts.push(": ", scalar(v, innerIndent));
    else if (!isCollection(v)) throw new Unsupported();
    else if (isEmpty(v)) parts.push(Array.isArray(v) ? ": []" : ": {}");
    else {
      parts.push(":", breaks[inner]);
      nested(v, inner, out);
    }
  }
}

/** Texts of shared values (see shareInYaml) by nesting depth. */
const sharedTexts = new WeakMap<object, (string | undefined)[]>();

/** A non-empty collection inside another; a shared one written once per depth. */
function nested(v: object, depth: number, out: Writer): void {
  if (!isSharedInYaml(v)) return collection(v, depth, out);
  let texts = sharedTexts.get(v);
  let text = texts?.[depth];
  if (text === undefined) {
    const own: Writer = { parts: [], mergeLikeKey: false };
    collection(v, depth, own);
    text = own.parts.join("");
    if (own.mergeLikeKey)
      out.mergeLikeKey = true; // rare: not kept, so the flag is not lost
    else {
      if (!texts) sharedTexts.set(v, (texts = []));
      texts[depth] = text;
    }
  }
  out.parts.push(text);
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
