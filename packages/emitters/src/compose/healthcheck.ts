// Compose healthchecks. Application images are probed over HTTP with wget (present in busybox-
// and Debian-based images); stores and brokers with their own client tools.

import { goDuration } from "../common/units.js";
import { composeLiteral } from "./escape.js";

/** Probe timing, shared by every healthcheck (documented in docs/emitters.md). */
export const HEALTH_TIMING = { intervalMs: 10_000, timeoutMs: 3_000, retries: 5, startPeriodMs: 10_000 };

export interface ComposeHealthcheck {
  test: string[];
  interval: string;
  timeout: string;
  retries: number;
  start_period: string;
}

export function execHealthcheck(command: readonly string[]): ComposeHealthcheck {
  return {
    test: ["CMD", ...command.map(composeLiteral)],
    interval: goDuration(HEALTH_TIMING.intervalMs),
    timeout: goDuration(HEALTH_TIMING.timeoutMs),
    retries: HEALTH_TIMING.retries,
    start_period: goDuration(HEALTH_TIMING.startPeriodMs),
  };
}

/** Exec form, so a path with spaces or quotes never meets a shell. */
export function httpHealthcheck(port: number, path: string): ComposeHealthcheck {
  const url = `http://127.0.0.1:${port}${path.startsWith("/") ? "" : "/"}${path}`;
  return execHealthcheck(["wget", "-q", "-O", "/dev/null", url]);
}
