// Quantities in the Model's units (milliseconds, bytes, millicores, fractions, per second).
// Decimal literals are exact to the author (`99.9%`, `1.1s`), so binary floating-point noise
// from the conversion (0.9990000000000001) is rounded away: the Model holds what was meant.

import { cpuMillis, durationMs, percentFraction, type Quantity, ratePerSecond, sizeBytes } from "@archc/dsl";

function tidy(n: number): number {
  return Number.isInteger(n) ? n : Number(n.toPrecision(12));
}

export const toMs = (q: Quantity): number => tidy(durationMs(q));
export const toBytes = (q: Quantity): number => tidy(sizeBytes(q));
export const toMillicores = (q: Quantity): number => tidy(cpuMillis(q));
export const toFraction = (q: Quantity): number => tidy(percentFraction(q));
export const toPerSecond = (q: Quantity): number => tidy(ratePerSecond(q));
