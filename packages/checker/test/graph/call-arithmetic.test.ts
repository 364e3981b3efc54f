import { describe, expect, it } from "vitest";
import {
  attemptDeadlineMs,
  backoffTotalMs,
  declaredAttempts,
  effectiveAttempts,
  worstCaseTimeMs,
} from "../../src/graph/call-arithmetic.js";

const p = (x: Partial<Parameters<typeof worstCaseTimeMs>[0]>) => ({ retries: 0, ...x });

describe("call arithmetic (LAWS.md §D)", () => {
  it("counts attempts as 1 + retries, capped by how many per-try windows fit the timeout", () => {
    expect(declaredAttempts(p({ retries: 3 }))).toBe(4);
    expect(effectiveAttempts(p({ retries: 3 }))).toBe(4);
    expect(effectiveAttempts(p({ retries: 3, timeoutMs: 1000, perTryMs: 400 }))).toBe(3);
    expect(effectiveAttempts(p({ retries: 1, timeoutMs: 1000, perTryMs: 400 }))).toBe(2);
  });

  it("sums exponential backoff, each wait capped at the maximum", () => {
    const b = { minMs: 50, maxMs: 300 };
    expect(backoffTotalMs(p({ backoff: b }), 0)).toBe(0);
    expect(backoffTotalMs(p({ backoff: b }), 1)).toBe(50);
    expect(backoffTotalMs(p({ backoff: b }), 3)).toBe(50 + 100 + 200);
    expect(backoffTotalMs(p({ backoff: b }), 5)).toBe(50 + 100 + 200 + 300 + 300);
    expect(backoffTotalMs(p({}), 5)).toBe(0);
  });

  it("bounds worst-case time by min(timeout, a·per-try + backoff)", () => {
    expect(worstCaseTimeMs(p({}))).toBeUndefined();
    expect(worstCaseTimeMs(p({ timeoutMs: 800 }))).toBe(800);
    expect(worstCaseTimeMs(p({ perTryMs: 100, retries: 2, backoff: { minMs: 10, maxMs: 100 } }))).toBe(330);
    expect(worstCaseTimeMs(p({ timeoutMs: 250, perTryMs: 100, retries: 2 }))).toBe(250);
  });

  it("gives one attempt the per-try timeout, else the whole timeout", () => {
    expect(attemptDeadlineMs(p({ timeoutMs: 2000, perTryMs: 500 }))).toBe(500);
    expect(attemptDeadlineMs(p({ timeoutMs: 2000 }))).toBe(2000);
    expect(attemptDeadlineMs(p({}))).toBeUndefined();
  });
});
