// The call-graph laws of LAWS.md §D: attempts, backoff and worst-case time of one `calls`
// edge. Every rule that does arithmetic on policies uses these, so their numbers agree.

import type { CallPolicy } from "@archc/compiler";

/** Attempts as written: the first try plus the retries. */
export function declaredAttempts(p: CallPolicy): number {
  return 1 + Math.max(0, p.retries);
}

/**
 * Attempts that can actually start: `min(1 + retries, ceil(timeout / per-try))` when both a
 * timeout and a per-try timeout bound the call, else `1 + retries`.
 */
export function effectiveAttempts(p: CallPolicy): number {
  const a = declaredAttempts(p);
  if (p.timeoutMs === undefined || p.perTryMs === undefined || p.perTryMs <= 0) return a;
  return Math.max(1, Math.min(a, Math.ceil(p.timeoutMs / p.perTryMs)));
}

/**
 * Longest total wait between `waits` retries: exponential backoff from the base interval,
 * doubling, each wait capped at the maximum (Envoy's and gRPC's schedule without jitter).
 */
export function backoffTotalMs(p: CallPolicy, waits: number): number {
  if (p.backoff === undefined || waits <= 0) return 0;
  let total = 0;
  let wait = p.backoff.minMs;
  for (let i = 0; i < waits; i++) {
    total += Math.min(wait, p.backoff.maxMs);
    wait *= 2;
    if (wait >= p.backoff.maxMs) {
      total += p.backoff.maxMs * (waits - i - 1);
      break;
    }
  }
  return total;
}

/** Time all attempts take when each runs to its per-try limit: `a·per-try + backoff`. */
export function retryScheduleMs(p: CallPolicy): number | undefined {
  if (p.perTryMs === undefined) return undefined;
  const a = declaredAttempts(p);
  return a * p.perTryMs + backoffTotalMs(p, a - 1);
}

/**
 * Worst-case time of a call: `min(timeout, a·per-try + backoff)` with whichever bounds are
 * declared; undefined when nothing bounds it (no timeout and no per-try).
 */
export function worstCaseTimeMs(p: CallPolicy): number | undefined {
  const schedule = retryScheduleMs(p);
  if (p.timeoutMs === undefined) return schedule;
  return schedule === undefined ? p.timeoutMs : Math.min(p.timeoutMs, schedule);
}

/** The longest one attempt may wait for an answer: the per-try timeout, or the whole timeout. */
export function attemptDeadlineMs(p: CallPolicy): number | undefined {
  if (p.perTryMs === undefined) return p.timeoutMs;
  if (p.timeoutMs === undefined) return p.perTryMs;
  return Math.min(p.perTryMs, p.timeoutMs);
}
