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

export class PropReader {
  private readonly byKey: Map<string, SimpleMember> | undefined;

  constructor(members: readonly { kind: string }[], sink: DiagnosticSink) {
    // Most blocks (op modifiers, small policies) are empty or tiny; nothing to index then.
    if (members.length === 0) return;
    const byKey = new Map<string, SimpleMember>();
    this.byKey = byKey;
    for (const m of members) {
      if (m.kind !== "Property" && m.kind !== "Flag") continue;
      const member = m as SimpleMember;
      const key = member.kind === "Property" ? member.key : member.name;
      if (key === undefined || key.text === "") continue;
      const first = byKey.get(key.text);
      if (first) {
        sink.error("E0207", key.span, `\`${key.text}\` is set twice`, {
          related: [{ span: first.span, message: "first set here" }],
          help: "keep one of them",
        });
        continue;
      }
      byKey.set(key.text, member);
    }
  }

  private value(key: string): Literal | Name | undefined {
    const m = this.byKey?.get(key);
    return m?.kind === "Property" ? m.value : undefined;
  }

  private quantity(key: string, kind: Parameters<typeof isQuantityOf>[1]): Quantity | undefined {
    const v = this.value(key);
    return v?.kind === "Quantity" && isQuantityOf(v, kind) ? v : undefined;
  }

  flag(key: string): boolean {
    return this.byKey?.get(key)?.kind === "Flag";
  }

  spanOf(key: string): Span | undefined {
    return this.byKey?.get(key)?.span;
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
