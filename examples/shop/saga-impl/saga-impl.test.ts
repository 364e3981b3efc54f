// The law kit on the shop's place-order saga: the in-memory implementation and its runner obey
// every law of LAWS.md §C; a non-idempotent void and a runner that compensates in the wrong
// order are each caught, by name, with a shrunk counterexample and the seed to replay it.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertSagaLaws, SagaLawError, sagaLaws } from "../../../packages/checker/src/laws/index.js";
import { compilePaths } from "../../../packages/compiler/src/index.js";
import { nonIdempotentRefundSteps, wrongOrderRunner } from "./broken.js";
import { PlaceOrderRunner } from "./runner.js";
import { placeOrderSteps } from "./steps.js";
import { observe, placeOrderArb, worldArb } from "./world.js";

const compiled = compilePaths([join(import.meta.dirname, "..", "shop.arch")]);
const model = compiled.model;
const options = { obs: observe, state: worldArb, input: placeOrderArb, runner: () => new PlaceOrderRunner() };

async function failure(run: () => Promise<void>): Promise<SagaLawError> {
  try {
    await run();
  } catch (e) {
    if (e instanceof SagaLawError) return e;
    throw e;
  }
  throw new Error("the law kit found nothing");
}

describe("the shop's place-order saga, in memory", () => {
  it("compiles", () => {
    expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("has a law for every compensation, idempotent step, parallel pair and the runner", () => {
    const names = sagaLaws(model, "place-order", placeOrderSteps, options).map((l) => l.name);
    expect(names).toEqual([
      "semantic undo of step create (orders.reject after orders.create)",
      "semantic undo of step reserve (inventory.release after inventory.reserve)",
      "semantic undo of step authorize (payments.void after payments.authorize)",
      "tolerates absent effect of step create (orders.reject)",
      "tolerates absent effect of step reserve (inventory.release)",
      "tolerates absent effect of step authorize (payments.void)",
      "compensation idempotence of step create (orders.reject)",
      "compensation idempotence of step reserve (inventory.release)",
      "compensation idempotence of step authorize (payments.void)",
      "run idempotence of step create (orders.create)",
      "run idempotence of step reserve (inventory.reserve)",
      "run idempotence of step authorize (payments.authorize)",
      "run idempotence of step approve (orders.approve)",
      "run idempotence of step capture (payments.capture)",
      "run idempotence of step commit (inventory.commit)",
      "commutation of the compensations of reserve and authorize (inventory.release, payments.void)",
      "runner law (compensation log = reverse of the committed prefix, each compensation exactly once, through crashes)",
    ]);
  });

  it("satisfies every saga law", async () => {
    await assertSagaLaws(model, "place-order", placeOrderSteps, options, { numRuns: 150, seed: 42 });
  });

  it("catches a void that is not idempotent: names the law and shrinks the counterexample", async () => {
    const err = await failure(() =>
      assertSagaLaws(model, "place-order", nonIdempotentRefundSteps, options, { numRuns: 200, seed: 7 }),
    );
    expect(err.law).toBe("compensation idempotence of step authorize (payments.void)");
    expect(err.message).toContain(
      'Saga law "compensation idempotence of step authorize (payments.void)" does not hold',
    );
    expect(err.message).toMatch(/Replay with \{ seed: 7, path: "[\d:]+" \}/);
    expect(err.report).toMatch(/Shrunk [1-9]\d* time\(s\)/);
    expect(err.report).toContain("payments.void applied twice");
    // Shrunk to the smallest case: one unit of one item at 1 EUR, on a card with 1 EUR of credit.
    expect(err.report).toMatch(
      /"items":\[\{"sku":"\w+","quantity":1,"price":\{"amount":1,"currency":"EUR"\}\}\]/,
    );
    expect(err.report).toContain('"credit":{"c1":1,"c2":0}');
  });

  it("catches a runner that compensates in the wrong order: names the law, with a replay path", async () => {
    const err = await failure(() =>
      assertSagaLaws(
        model,
        "place-order",
        placeOrderSteps,
        { ...options, runner: wrongOrderRunner },
        { numRuns: 200, seed: 11, only: ["runner"] },
      ),
    );
    expect(err.law).toMatch(/^runner law/);
    expect(err.report).toMatch(/must finish before .* starts/);
    expect(err.replayPath).toBeDefined();
    expect(err.message).toContain(`replayPath: ${JSON.stringify(err.replayPath)}`);
    expect(err.report).toMatch(/Shrunk [1-9]\d* time\(s\)/);
  });
});
