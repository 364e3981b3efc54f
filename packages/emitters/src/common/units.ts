// Model values are normalised (ms, bytes, millicores, fractions, per-second rates). Each platform
// wants its own spelling; these render them without losing precision.

/** A Go/compose duration: `30s`, `1500ms`, `2m`, `1h`. */
export function goDuration(ms: number): string {
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${Math.round(ms)}ms`;
}

/** A protobuf Duration as Istio and Envoy read it: seconds with a fractional part, `0.5s`. */
export function protoDuration(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const frac = Math.round(ms % 1000);
  if (frac === 0) return `${whole}s`;
  return `${whole}.${String(frac).padStart(3, "0").replace(/0+$/, "")}s`;
}

/** A Kubernetes CPU quantity: `250m`, or whole cores `2`. */
export function cpuQuantity(millis: number): string {
  const m = Math.round(millis);
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

const BINARY_UNITS: readonly [string, number][] = [
  ["Ti", 2 ** 40],
  ["Gi", 2 ** 30],
  ["Mi", 2 ** 20],
  ["Ki", 2 ** 10],
];
const DECIMAL_UNITS: readonly [string, number][] = [
  ["T", 1e12],
  ["G", 1e9],
  ["M", 1e6],
  ["k", 1e3],
];

/** A Kubernetes memory/storage quantity in the largest unit that divides it exactly. */
export function byteQuantity(bytes: number): string {
  const b = Math.round(bytes);
  for (const [unit, size] of BINARY_UNITS) if (b >= size && b % size === 0) return `${b / size}${unit}`;
  for (const [unit, size] of DECIMAL_UNITS) if (b >= size && b % size === 0) return `${b / size}${unit}`;
  return String(b);
}

/** A compose memory size: compose accepts `b k m g` suffixes (binary). */
export function composeBytes(bytes: number): string {
  const b = Math.round(bytes);
  if (b % 2 ** 30 === 0) return `${b / 2 ** 30}g`;
  if (b % 2 ** 20 === 0) return `${b / 2 ** 20}m`;
  if (b % 2 ** 10 === 0) return `${b / 2 ** 10}k`;
  return `${b}b`;
}

/**
 * A per-second rate as a whole number of tokens per fill interval (a token bucket), choosing
 * the shortest interval (second, minute, hour, day) at which the count is a whole number, so
 * `1000/hour` stays 1000 per 3600 s rather than 0.2777… per second.
 */
export function tokenBucket(ratePerSecond: number): { tokens: number; intervalMs: number } {
  for (const intervalMs of [1000, 60_000, 3_600_000, 86_400_000]) {
    const tokens = (ratePerSecond * intervalMs) / 1000;
    if (Math.abs(tokens - Math.round(tokens)) < 1e-6 && Math.round(tokens) >= 1)
      return { tokens: Math.round(tokens), intervalMs };
  }
  return { tokens: Math.max(1, Math.round(ratePerSecond * 86_400)), intervalMs: 86_400_000 };
}
