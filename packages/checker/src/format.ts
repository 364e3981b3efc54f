// How numbers and paths read in messages: the units of the .arch language, so a message can
// be pasted back into a model.

const DURATION_UNITS: readonly [number, string][] = [
  [86_400_000, "d"],
  [3_600_000, "h"],
  [60_000, "m"],
  [1000, "s"],
];

/** 500 → "500ms", 2000 → "2s", 1500 → "1.5s", 90000 → "90s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "unbounded";
  for (const [size, unit] of DURATION_UNITS) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  if (ms >= 1000) return `${trimNumber(ms / 1000)}s`;
  return `${trimNumber(ms)}ms`;
}

/** 0.999 → "99.9%", 0.99855 → "99.855%". */
export function formatPercent(fraction: number): string {
  return `${trimNumber(fraction * 100, 4)}%`;
}

function trimNumber(x: number, digits = 3): string {
  return String(Number(x.toFixed(digits)));
}

/** "a → b → c". */
export function arrowPath(names: readonly string[]): string {
  return names.join(" → ");
}

/** "a", "a and b", "a, b and c". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
