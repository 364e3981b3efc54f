// Reading `keyword value` properties and flags of a block into numbers in the Model's units.
// The parser already checked each value's kind (E0111); a value of the wrong kind reads as
// absent here so it is reported once. A key given twice is reported (E0207).

import {
  type Literal,
  type Name,
  type Quantity,
  type SimpleMember,
  type Span,
  isQuantityOf,
} from "@archc/dsl";
import type { DiagnosticSink } from "../diagnostics.js";
import { toBytes, toFraction, toMs, toPerSecond } from "./units.js";

/** Above this many keyed members a block is indexed by a Map; below, a scan is cheaper. */
const SCAN_LIMIT = 16;

export class PropReader {
  /** Properties and flags in source order, first occurrence of each key only. */
  private readonly keyed: SimpleMember[] = [];
  private byKey: Map<string, SimpleMember> | undefined;

  constructor(members: readonly { kind: string }[], sink: DiagnosticSink) {
    for (const m of members) {
      if (m.kind !== "Property" && m.kind !== "Flag") continue;
      const member = m as SimpleMember;
      const key = keyOf(member);
      if (key === undefined || key.text === "") continue;
      const first = this.member(key.text);
      if (first) {
        sink.error("E0207", key.span, `\`${key.text}\` is set twice`, {
          related: [{ span: first.span, message: "first set here" }],
          help: "keep one of them",
        });
        continue;
      }
      this.keyed.push(member);
      if (this.byKey !== undefined) this.byKey.set(key.text, member);
      else if (this.keyed.length > SCAN_LIMIT)
        this.byKey = new Map(this.keyed.map((k) => [(keyOf(k) as Name).text, k]));
    }
  }

  private member(key: string): SimpleMember | undefined {
    if (this.byKey !== undefined) return this.byKey.get(key);
    for (const m of this.keyed) if (keyOf(m)?.text === key) return m;
    return undefined;
  }

  private value(key: string): Literal | Name | undefined {
    const m = this.member(key);
    return m?.kind === "Property" ? m.value : undefined;
  }

  private quantity(key: string, kind: Parameters<typeof isQuantityOf>[1]): Quantity | undefined {
    const v = this.value(key);
    return v?.kind === "Quantity" && isQuantityOf(v, kind) ? v : undefined;
  }

  flag(key: string): boolean {
    return this.member(key)?.kind === "Flag";
  }

  spanOf(key: string): Span | undefined {
    return this.member(key)?.span;
  }

  string(key: string): string | undefined {
    const v = this.value(key);
    return v?.kind === "String" ? v.value : undefined;
  }

  name(key: string): Name | undefined {
    const v = this.value(key);
    return v?.kind === "Name" && v.text !== "" ? v : undefined;
  }

  int(key: string): number | undefined {
    return this.quantity(key, "int")?.value;
  }

  durationMs(key: string): number | undefined {
    const q = this.quantity(key, "duration");
    return q ? toMs(q) : undefined;
  }

  sizeBytes(key: string): number | undefined {
    const q = this.quantity(key, "size");
    return q ? toBytes(q) : undefined;
  }

  fraction(key: string): number | undefined {
    const q = this.quantity(key, "percent");
    return q ? toFraction(q) : undefined;
  }

  /** `50ms..1s` as milliseconds. */
  durationRangeMs(key: string): { minMs: number; maxMs: number } | undefined {
    const v = this.value(key);
    if (v?.kind !== "Range" || !isQuantityOf(v.low, "duration") || !isQuantityOf(v.high, "duration"))
      return undefined;
    return { minMs: toMs(v.low), maxMs: toMs(v.high) };
  }

  perSecond(key: string): number | undefined {
    const q = this.quantity(key, "rate");
    return q ? toPerSecond(q) : undefined;
  }
}

function keyOf(m: SimpleMember): Name | undefined {
  return m.kind === "Property" ? m.key : m.name;
}

/** A Model entry while a stage fills it in, field by field in the Model's key order. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Sets `key` when `value` is defined, so optional Model fields are absent rather than `undefined`. */
export function setIfDefined<T, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/** Drops undefined values so optional Model fields are absent rather than `undefined`. */
export function defined<T extends object>(o: T): T {
  const from = o as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in from) {
    const v = from[k];
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}
