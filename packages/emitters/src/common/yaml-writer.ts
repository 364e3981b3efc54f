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
    if (!collection(value, 0, out)) out.parts.push(Array.isArray(value) ? "[]" : "{}");
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

/** An array or a plain object (one with an own `toJSON` function is refused by `scalar`). */
function isCollection(value: unknown): value is object {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const indents: string[] = [""];
const breaks: string[] = ["\n"];
const itemBreaks: string[] = ["\n- "];
/** The indentation of nesting level `depth` (and, cached, a line break followed by it). */
function indentOf(depth: number): string {
  while (indents.length <= depth) {
    const indent = `${indents[indents.length - 1]}  `;
    indents.push(indent);
    breaks.push(`\n${indent}`);
    itemBreaks.push(`\n${indent}- `);
  }
  return indents[depth];
}

/**
 * A collection whose lines after the first start at nesting level `depth`; false when it has
 * nothing to write (no items, or only undefined values), which the caller writes `[]` or `{}`.
 */
function collection(value: object, depth: number, out: Writer): boolean {
  const inner = depth + 1;
  const innerIndent = indentOf(inner);
  const { parts } = out;
  if (Array.isArray(value)) {
    const itemBreak = itemBreaks[depth];
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new Unsupported();
      const v: unknown = value[i];
      parts.push(i === 0 ? "- " : itemBreak);
      if (typeof v !== "object" || v === null) parts.push(scalar(v, innerIndent));
      else if (!isCollection(v)) throw new Unsupported();
      else if (!nested(v, inner, out)) parts.push(Array.isArray(v) ? "[]" : "{}");
    }
    return value.length > 0;
  }
  const record = value as Record<string, unknown>;
  let first = true;
  // for-in, not Object.keys: no array per object. A plain object has no enumerable inherited
  // keys (isCollection admits only Object.prototype or null prototypes), and for-in lists own
  // keys in the same order as Object.keys.
  for (const k in record) {
    if (k === "<<") out.mergeLikeKey = true;
    const v = record[k];
    if (v === undefined) continue;
    const texts = keyTexts(k, depth);
    if (typeof v !== "object" || v === null)
      parts.push(first ? texts.scalar : texts.nextScalar, scalar(v, innerIndent));
    else if (!isCollection(v)) throw new Unsupported();
    else {
      const mark = parts.length;
      parts.push(first ? texts.nested : texts.nextNested);
      if (!nested(v, inner, out)) {
        parts.length = mark;
        parts.push(first ? texts.scalar : texts.nextScalar, Array.isArray(v) ? "[]" : "{}");
      }
    }
    first = false;
  }
  return !first;
}

/**
 * What a map entry at nesting level `depth` writes before its value: the key and `: ` for a
 * scalar, the key, `:` and the break into the next level for a collection, each also after the
 * line break that separates it from the previous entry. Emitters write the same keys over and
 * over, so these are made once per key and depth: one piece per entry instead of four.
 */
interface KeyTexts {
  readonly scalar: string;
  readonly nested: string;
  readonly nextScalar: string;
  readonly nextNested: string;
}

const keyTextsByDepth: Map<string, KeyTexts>[] = [];
const KEY_CACHE_LIMIT = 100_000;

function keyTexts(k: string, depth: number): KeyTexts {
  let cache = keyTextsByDepth[depth];
  if (cache === undefined) {
    cache = new Map();
    keyTextsByDepth[depth] = cache;
  }
  const known = cache.get(k);
  if (known !== undefined) return known;
  const inner = depth + 1;
  const key = scalarString(k, true, indentOf(inner));
  if (key.length > MAX_IMPLICIT_KEY) throw new Unsupported();
  const scalarText = `${key}: `;
  const nestedText = `${key}:${breaks[inner]}`;
  const texts: KeyTexts = {
    scalar: scalarText,
    nested: nestedText,
    nextScalar: breaks[depth] + scalarText,
    nextNested: breaks[depth] + nestedText,
  };
  if (cache.size >= KEY_CACHE_LIMIT) cache.clear();
  cache.set(k, texts);
  return texts;
}

/** Texts of shared values (see shareInYaml) by nesting depth. */
const sharedTexts = new WeakMap<object, (string | undefined)[]>();

/** A collection inside another (see `collection`); a shared one written once per depth. */
function nested(v: object, depth: number, out: Writer): boolean {
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
      if (!texts) {
        texts = [];
        sharedTexts.set(v, texts);
      }
      texts[depth] = text;
    }
  }
  if (text === "") return false;
  out.parts.push(text);
  return true;
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
