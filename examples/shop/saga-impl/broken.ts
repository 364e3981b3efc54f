// Two deliberate bugs, for the tests that show the law kit catching them:
// a void ("refund" of the authorisation hold) that gives the money back every time it is called,
// and a runner that compensates in saga order instead of in reverse.

import type { SagaImplementation, StepImplementation } from "../../../packages/checker/src/laws/index.js";
import { PlaceOrderRunner } from "./runner.js";
import { authorize, placeOrderSteps } from "./steps.js";
import type { Payment, World } from "./world.js";

/** payments.void without the status check: a retried void refunds the hold again. */
export const nonIdempotentVoid: StepImplementation<World> = {
  run: authorize.run,
  compensate(w, output) {
    const p = w.payments[(output as Payment).id];
    if (!p) return; // still safe when the authorisation never happened
    p.status = "voided";
    w.credit[p.customer] += p.amount;
  },
};

export const nonIdempotentRefundSteps: SagaImplementation<World> = {
  ...placeOrderSteps,
  authorize: nonIdempotentVoid,
};

/** Compensates the earliest stage first: undoing the order before its payment and stock. */
export const wrongOrderRunner = (): PlaceOrderRunner => new PlaceOrderRunner((stages) => stages);
