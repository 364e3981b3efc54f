// The checker thread's garbage collection between keystrokes: a thread started after
// `sizeNextThreadYoungGeneration` has the young generation it asks for, and
// `collectYoungGarbageSoon` empties the young generation once the current turn is over.

import { getHeapSpaceStatistics } from "node:v8";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import {
  CHECKER_SEMI_SPACE_MB,
  collectYoungGarbageSoon,
  sizeNextThreadYoungGeneration,
} from "../src/workspace/idle-gc.js";

const youngGeneration = () => getHeapSpaceStatistics().find((s) => s.space_name === "new_space")!;

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

  it("empties the young generation after the current turn", async () => {
    let junk: object[] = [];
    for (let i = 0; i < 50_000; i++) junk.push({ i, text: `garbage ${i}` });
    junk = [];
    const before = youngGeneration().space_used_size;
    collectYoungGarbageSoon();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(junk).toEqual([]);
    expect(youngGeneration().space_used_size).toBeLessThan(before / 2);
  });
});
