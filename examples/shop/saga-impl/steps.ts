// An in-memory implementation of the shop's place-order saga (shop.arch): each step and each
// compensation as the services would implement them. Every op is keyed by the order (from the
// client's request id), so a repeat finds its earlier effect; compensations do nothing when the
// effect they undo is absent (`tolerates-absent`). `io.pause()` marks where a real service would
// wait on its database between a read and a write.

import type { SagaImplementation, StepImplementation } from "../../../packages/checker/src/laws/index.js";
import { BusinessError } from "../../../packages/checker/src/laws/index.js";
import {
  type Order,
  orderTotal,
  type Payment,
  type PlaceOrder,
  type Reservation,
  type World,
} from "./world.js";

const orderId = (request: string): string => `order-${request}`;

/** orders.create / orders.reject */
export const create: StepImplementation<World> = {
  run(w, input) {
    const req = input as PlaceOrder;
    const id = orderId(req.request);
    const existing = w.orders[id];
    if (existing) return structuredClone(existing);
    const order: Order = {
      id,
      customer: req.customer,
      items: req.items,
      total: orderTotal(req.items),
      status: "pending",
    };
    w.orders[id] = order;
    return structuredClone(order);
  },
  compensate(w, output) {
    const order = w.orders[(output as Order).id];
    if (order && order.status === "pending") order.status = "rejected";
  },
};

/** inventory.reserve / inventory.release */
export const reserve: StepImplementation<World> = {
  async run(w, input, io) {
    const order = input as Order;
    const id = `res-${order.id}`;
    const existing = w.reservations[id];
    if (existing) return structuredClone(existing);
    for (const item of order.items) {
      const needed = order.items.filter((i) => i.sku === item.sku).reduce((n, i) => n + i.quantity, 0);
      if (w.stock[item.sku] < needed) throw new BusinessError("OutOfStock", `${item.sku} is sold out`);
    }
    for (const item of order.items) {
      const level = w.stock[item.sku];
      await io.pause(`reserve reads ${item.sku}`);
      w.stock[item.sku] = level - item.quantity;
    }
    const reservation: Reservation = { id, order: order.id, items: order.items, state: "held" };
    w.reservations[id] = reservation;
    return structuredClone(reservation);
  },
  async compensate(w, output, io) {
    const r = w.reservations[(output as Reservation).id];
    if (r?.state !== "held") return;
    r.state = "released";
    for (const item of r.items) {
      await io.pause(`release returns ${item.sku}`);
      w.stock[item.sku] += item.quantity;
    }
  },
};

/** payments.authorize / payments.void */
export const authorize: StepImplementation<World> = {
  run(w, input) {
    const order = input as Order;
    const id = `pay-${order.id}`;
    const existing = w.payments[id];
    if (existing) return structuredClone(existing);
    if (w.credit[order.customer] < order.total)
      throw new BusinessError("PaymentDeclined", "over the card's limit");
    w.credit[order.customer] -= order.total;
    const payment: Payment = {
      id,
      order: order.id,
      customer: order.customer,
      amount: order.total,
      status: "authorised",
    };
    w.payments[id] = payment;
    return structuredClone(payment);
  },
  compensate(w, output) {
    const p = w.payments[(output as Payment).id];
    if (p?.status !== "authorised") return;
    p.status = "voided";
    w.credit[p.customer] += p.amount;
  },
};

/** orders.approve: the pivot. */
export const approve: StepImplementation<World> = {
  run(w, input) {
    const order = w.orders[(input as Order).id];
    if (order.status === "pending") order.status = "approved";
    return structuredClone(order);
  },
};

/** payments.capture: retriable after the pivot. */
export const capture: StepImplementation<World> = {
  run(w, input) {
    const p = w.payments[(input as Payment).id];
    if (p.status === "authorised") p.status = "captured";
    return structuredClone(p);
  },
};

/** inventory.commit: retriable after the pivot. */
export const commit: StepImplementation<World> = {
  run(w, input) {
    const r = w.reservations[(input as Reservation).id];
    if (r.state === "held") r.state = "committed";
  },
};

export const placeOrderSteps: SagaImplementation<World> = {
  create,
  reserve,
  authorize,
  approve,
  capture,
  commit,
};
