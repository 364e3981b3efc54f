// Reading literal quantities by what they stand for. The front end keeps units as written;
// these are the one place where `250m`, `20Gi` or `1000/hour` become numbers.

import type { Quantity, Range } from "./ast.js";

export type QuantityKind = "int" | "number" | "duration" | "size" | "percent" | "rate" | "cpu";

const DURATION_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const SIZE_BYTES: Record<string, number> = {
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
};
const RATE_PER_SECOND: Record<string, number> = {
  "/s": 1,
  "/min": 1 / 60,
  "/hour": 1 / 3600,
  "/day": 1 / 86400,
};

/** Whether `q` is a literal of `kind` (a bare integer is an int, and a number; `250m` a cpu). */
export function isQuantityOf(q: Quantity, kind: QuantityKind): boolean {
  switch (kind) {
    case "int":
      return q.unit === "" && Number.isInteger(q.value) && !q.raw.includes(".");
    case "number":
      return q.unit === "";
    case "duration":
      return q.unit in DURATION_MS;
    case "size":
      return q.unit in SIZE_BYTES || (q.unit === "" && Number.isInteger(q.value));
    case "percent":
      return q.unit === "%";
    case "rate":
      return q.unit in RATE_PER_SECOND;
    case "cpu":
      return q.unit === "" || q.unit === "m";
  }
}

export function durationMs(q: Quantity): number {
  return q.value * (DURATION_MS[q.unit] ?? Number.NaN);
}

export function sizeBytes(q: Quantity): number {
  return q.unit === "" ? q.value : q.value * (SIZE_BYTES[q.unit] ?? Number.NaN);
}

/** CPU in millicores: `250m` → 250, `0.5` → 500, `2` → 2000. */
export function cpuMillis(q: Quantity): number {
  return q.unit === "m" ? q.value : q.value * 1000;
}

export function ratePerSecond(q: Quantity): number {
  return q.value * (RATE_PER_SECOND[q.unit] ?? Number.NaN);
}

/** A percentage as a fraction: `99.95%` → 0.9995. */
export function percentFraction(q: Quantity): number {
  return q.value / 100;
}

function unitFamily(unit: string): string {
  if (unit in DURATION_MS) return "duration";
  if (unit in SIZE_BYTES) return "size";
  if (unit === "%") return "percent";
  return "rate";
}

/**
 * What is wrong with a range's order, if anything: ends of different kinds (`1s..2Gi`), or a
 * low end above the high end. In a `cpu` range `m` means millicores and a bare number cores;
 * elsewhere `m` is minutes. The parser reports it; the fast parser gives up on it.
 */
export function rangeOrderProblem(r: Range, cpu: boolean): "mixed" | "reversed" | undefined {
  if (r.low.unit !== "" && r.high.unit !== "" && unitFamily(r.low.unit) !== unitFamily(r.high.unit))
    return "mixed";
  const scale = (q: Quantity): number =>
    cpu ? cpuMillis(q) : q.value * (DURATION_MS[q.unit] ?? SIZE_BYTES[q.unit] ?? 1);
  return scale(r.low) > scale(r.high) ? "reversed" : undefined;
}

/** A single value or a range as `[low, high]` (a single value is both ends). */
export function bounds<T extends Quantity>(v: T | Range): [Quantity, Quantity] {
  return v.kind === "Range" ? [v.low, v.high] : [v, v];
}
