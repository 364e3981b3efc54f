// The runner law's verdict on hand-written call logs: one rule per case.

import { compileText } from "@archc/compiler";
import { describe, expect, it } from "vitest";
import { type CallEvent, runnerVerdict, sagaShape } from "../../src/laws/index.js";

const model = compileText(
  `type T { id: uuid }
type No { why: string }
service s {
  api v1 {
    op a: T -> T  idempotent
    op undo-a: T -> unit  idempotent tolerates-absent
    op b: T -> T ! No  idempotent
    op undo-b: T -> unit  idempotent tolerates-absent
    op c: T -> T ! No  idempotent
  }
}
saga abc(T) by s {
  step a: s.a  compensate s.undo-a
  step b: s.b  compensate s.undo-b
  pivot c: s.c
}`,
  "abc.arch",
).model;
const shape = sagaShape(model, "abc");

const run = (step: string, phase: CallEvent["phase"], value?: unknown): CallEvent => ({
  kind: "run",
  step,
  phase,
  value,
});
const comp = (step: string, phase: CallEvent["phase"], value?: unknown): CallEvent => ({
  kind: "compensate",
  step,
  phase,
  value,
});
const ok = (step: string, out: unknown) => [run(step, "start"), run(step, "complete", out)];
const undo = (step: string, arg: unknown) => [comp(step, "start", arg), comp(step, "complete")];

describe("runnerVerdict", () => {
  it("accepts a completed saga and a correctly compensated one", () => {
    expect(runnerVerdict(shape, [...ok("a", 1), ...ok("b", 2), ...ok("c", 3)], 0)).toBeUndefined();
    const failedAtC = [...ok("a", 1), ...ok("b", 2), run("c", "start"), run("c", "business-error", "No")];
    expect(runnerVerdict(shape, [...failedAtC, ...undo("b", 2), ...undo("a", 1)], 0)).toBeUndefined();
  });

  it.each([
    [
      "a step started before the earlier one committed",
      [run("b", "start"), ...ok("a", 1)],
      /started before a had committed/,
    ],
    ["no failure, no crash, not completed", [...ok("a", 1)], /did not complete/],
    [
      "the failing step compensated",
      [...ok("a", 1), run("b", "start"), run("b", "business-error", "No"), ...undo("b", 2), ...undo("a", 1)],
      /failing step b was compensated/,
    ],
    [
      "a compensation twice",
      [...ok("a", 1), run("b", "start"), run("b", "business-error"), ...undo("a", 1), ...undo("a", 1)],
      /completed 2 times/,
    ],
    [
      "a compensation after the pivot",
      [...ok("a", 1), ...ok("b", 2), ...ok("c", 3), ...undo("b", 2)],
      /pivot c committed/,
    ],
    [
      "the wrong order",
      [
        ...ok("a", 1),
        ...ok("b", 2),
        run("c", "start"),
        run("c", "business-error"),
        ...undo("a", 1),
        ...undo("b", 2),
      ],
      /b's compensation must finish before a's starts/,
    ],
    [
      "the wrong argument",
      [...ok("a", 1), run("b", "start"), run("b", "business-error"), ...undo("a", 99)],
      /was given 99, not the output 1/,
    ],
    [
      "a committed step left uncompensated",
      [...ok("a", 1), ...ok("b", 2), run("c", "start"), run("c", "business-error"), ...undo("b", 2)],
      /the committed a was never compensated/,
    ],
    [
      "a compensation of what never happened",
      [...ok("a", 1), run("b", "start"), run("b", "business-error"), ...undo("a", 1), ...undo("c", 0)],
      /c was compensated, but it never took effect/,
    ],
  ])("rejects %s", (_name, events, why) => {
    expect(runnerVerdict(shape, events, 0)).toMatch(why);
  });

  it("after a crash, allows turning back on an unknown outcome, but only fully", () => {
    const ambiguous = [...ok("a", 1), run("b", "start"), run("b", "crash-after-effect", 2)];
    expect(runnerVerdict(shape, [...ambiguous, ...undo("b", 2), ...undo("a", 1)], 1)).toBeUndefined();
    expect(runnerVerdict(shape, [...ambiguous, ...undo("b", 2)], 1)).toMatch(/a stayed committed/);
  });
});
