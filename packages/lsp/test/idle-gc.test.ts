// The checker thread's garbage collection between keystrokes: a thread started after
// `sizeNextThreadYoungGeneration` has the young generation it asks for, and
// `collectYoungGarbageSoon` runs a scavenge (a minor collection) once the current turn is over.

import { constants, PerformanceObserver } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import {
  CHECKER_SEMI_SPACE_MB,
  collectYoungGarbageSoon,
  sizeNextThreadYoungGeneration,
} from "../src/workspace/idle-gc.js";

describe("idle garbage collection", () => {
  it("starts the next thread with a young generation of the configured size", async () => {
    sizeNextThreadYoungGeneration();
    const worker = new Worker(
      `const { getHeapSpaceStatistics } = require("node:v8");
       const { parentPort } = require("node:worker_threads");
       parentPort.postMessage(getHeapSpaceStatistics().find((s) => s.space_name === "new_space").space_size);`,
      { eval: true },
    );
    const size = await new Promise<number>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    await worker.terminate();
    // A thread's young generation starts at 1 MB without the flags.
    expect(size).toBeGreaterThanOrEqual(CHECKER_SEMI_SPACE_MB * 1024 * 1024);
  });

  it("collects the young generation once the current turn is over", async () => {
    const kinds: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        kinds.push((e as unknown as { detail: { kind: number } }).detail.kind);
    });
    observer.observe({ entryTypes: ["gc"] });
    collectYoungGarbageSoon();
    expect(kinds).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    observer.disconnect();
    expect(kinds).toContain(constants.NODE_PERFORMANCE_GC_MINOR);
  });
});
