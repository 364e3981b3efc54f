// What an incremental compile does at best: every part of the new Model that equals the part
// at the same place in the previous Model is the previous object. Re-checking such a Model
// with a memo exercises every reuse the memo could make.

import type { Model } from "@archc/compiler";
import { isSpan, sameSpan } from "@archc/dsl";

export function reuseUnchanged(prev: Model, next: Model): Model {
  return share(prev, next) as Model;
}

function share(prev: unknown, next: unknown): unknown {
  if (prev === next || typeof prev !== "object" || typeof next !== "object" || !prev || !next) return next;
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return next;
    const out = next.map((x, i) => (i < prev.length ? share(prev[i], x) : x));
    return out.length === prev.length && out.every((x, i) => x === prev[i]) ? prev : Object.freeze(out);
  }
  if (Array.isArray(prev)) return next;
  // A span is a value (a parser's span computes its lines from its file's line table).
  if (isSpan(next)) return isSpan(prev) && sameSpan(prev, next) ? prev : next;
  const p = prev as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  let same = Object.keys(p).length === Object.keys(n).length;
  for (const [k, v] of Object.entries(n)) {
    out[k] = Object.hasOwn(p, k) ? share(p[k], v) : v;
    if (out[k] !== p[k] || !Object.hasOwn(p, k)) same = false;
  }
  return same ? prev : Object.freeze(out);
}
