// Garbage collection between keystrokes, on the checker thread. A re-check allocates a few
// megabytes that survive (the re-parsed file's tree, moved Model entries, findings) and more
// that die at once; left to itself, V8 collects the young generation whenever it fills, which
// is in the middle of the next re-check, where the user waits for it. So the young generation
// is made large enough to hold one re-check's allocation (`CHECKER_YOUNG_GENERATION`), and
// emptied right after each result is sent, while the editor shows it and the user types on.

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Megabytes of each of the checker thread's two young-generation halves (semi-spaces). */
export const CHECKER_SEMI_SPACE_MB = 32;

type Collect = (options: { type: "minor" | "major" }) => void;

let collect: Collect | null | undefined;

/** V8's `gc`, exposed for this thread; null when the runtime refuses. */
function collector(): Collect | null {
  if (collect !== undefined) return collect;
  try {
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("gc");
    collect = typeof gc === "function" ? (gc as Collect) : null;
  } catch {
    collect = null;
  }
  return collect;
}

/** A scavenge of the young generation, once the current turn is over (when available). */
export function collectYoungGarbageSoon(): void {
  setImmediate(() => collector()?.({ type: "minor" }));
}

/**
 * The V8 flags that size a new thread's young generation: set (process-wide) right before the
 * checker thread starts, which is the only isolate created afterwards. A heap is sized when it
 * is created, so the server thread's own heap is not affected.
 */
export function sizeNextThreadYoungGeneration(): void {
  setFlagsFromString(`--min-semi-space-size=${CHECKER_SEMI_SPACE_MB}`);
  setFlagsFromString(`--max-semi-space-size=${CHECKER_SEMI_SPACE_MB}`);
}
