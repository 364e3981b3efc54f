// Defaults for what the model leaves out (each one is listed in docs/emitters.md).

export const DEFAULT_RESOURCES = {
  app: { cpuRequest: 100, cpuLimit: 500, memoryRequest: 128 * 2 ** 20, memoryLimit: 256 * 2 ** 20 },
  backing: { cpuRequest: 250, cpuLimit: 1000, memoryRequest: 256 * 2 ** 20, memoryLimit: 1024 * 2 ** 20 },
} as const;

/** HPA CPU target when `replicas A..B` gives no `cpu P`. */
export const DEFAULT_CPU_TARGET = 0.8;

/** Volume size of a store that declares no `size`. */
export const DEFAULT_STORE_SIZE_BYTES = 2 ** 30;

/** Probe timing (seconds). */
export const PROBE_TIMING = {
  liveness: { initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
  readiness: { initialDelaySeconds: 5, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 },
} as const;
