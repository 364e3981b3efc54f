// Mappings from the model's policy words to Istio's fields.

import type { Service } from "@archc/compiler";
import { protoDuration } from "../common/units.js";

/**
 * `balance` → DestinationRule loadBalancer. `least-conn` maps to LEAST_REQUEST: Istio
 * deprecated LEAST_CONN as an alias of it. `hash FIELD` hashes the `x-FIELD` request header
 * (callers put the field's value there).
 */
export function loadBalancer(balance: Service["balance"]): Record<string, unknown> | undefined {
  switch (balance?.strategy) {
    case undefined:
      return undefined;
    case "round-robin":
      return { simple: "ROUND_ROBIN" };
    case "least-conn":
      return { simple: "LEAST_REQUEST" };
    case "random":
      return { simple: "RANDOM" };
    case "hash":
      return { consistentHash: { httpHeaderName: `x-${(balance.hashField ?? "key").toLowerCase()}` } };
    default:
      return undefined;
  }
}

/** What Envoy retries on: connection failures, resets and 5xx (never 4xx business errors). */
export const RETRY_ON = "connect-failure,refused-stream,unavailable,cancelled,reset,5xx";

/** Retries 0 is written out as `attempts: 0`, because Istio otherwise retries twice by default. */
export function retryPolicy(retries: number, perTryMs: number | undefined): Record<string, unknown> {
  if (retries <= 0) return { attempts: 0 };
  return {
    attempts: retries,
    ...(perTryMs !== undefined ? { perTryTimeout: protoDuration(perTryMs) } : {}),
    retryOn: RETRY_ON,
  };
}

/** Ejection time after a breaker opens: the `breaker` syntax has none, so Istio's default. */
export const BASE_EJECTION_MS = 30_000;
