// The shop's state, in memory: orders, stock, reservations and payments, as plain data (the law
// kit copies it with structuredClone). `observe` is what the saga laws compare: what a customer
// or the business would notice, not bookkeeping such as a rejected order's row.

import fc from "fast-check";

export type Sku = "apple" | "pear";
export type CustomerId = "c1" | "c2";

export interface OrderItem {
  readonly sku: Sku;
  readonly quantity: number;
  readonly price: { readonly amount: number; readonly currency: "EUR" };
}

/** The saga's input (PlaceOrder in types.arch; `request` is the client's idempotency key). */
export interface PlaceOrder {
  readonly request: string;
  readonly customer: CustomerId;
  readonly items: readonly OrderItem[];
}

export interface Order {
  readonly id: string;
  readonly customer: CustomerId;
  readonly items: readonly OrderItem[];
  readonly total: number;
  status: "pending" | "approved" | "rejected";
}

export interface Reservation {
  readonly id: string;
  readonly order: string;
  readonly items: readonly OrderItem[];
  state: "held" | "released" | "committed";
}

export interface Payment {
  readonly id: string;
  readonly order: string;
  readonly customer: CustomerId;
  readonly amount: number;
  status: "authorised" | "captured" | "voided";
}

export interface World {
  orders: Record<string, Order>;
  /** Units on the shelf, not held by any reservation. */
  stock: Record<Sku, number>;
  reservations: Record<string, Reservation>;
  payments: Record<string, Payment>;
  /** What each customer's card may still be charged. */
  credit: Record<CustomerId, number>;
}

export const worldArb: fc.Arbitrary<World> = fc.record({
  orders: fc.constant({}),
  stock: fc.record({ apple: fc.integer({ min: 0, max: 10 }), pear: fc.integer({ min: 0, max: 10 }) }),
  reservations: fc.constant({}),
  payments: fc.constant({}),
  credit: fc.record({ c1: fc.integer({ min: 0, max: 300 }), c2: fc.integer({ min: 0, max: 300 }) }),
});

export const placeOrderArb: fc.Arbitrary<PlaceOrder> = fc.record({
  request: fc.uuid(),
  customer: fc.constantFrom<CustomerId>("c1", "c2"),
  items: fc.array(
    fc.record({
      sku: fc.constantFrom<Sku>("apple", "pear"),
      quantity: fc.integer({ min: 1, max: 4 }),
      price: fc.record({ amount: fc.integer({ min: 1, max: 50 }), currency: fc.constant<"EUR">("EUR") }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

/** What the laws compare: live orders, stock on the shelf, holds and charges, live reservations. */
export function observe(w: World) {
  const live = <T, V>(rows: Record<string, T>, keep: (r: T) => V | undefined) =>
    Object.fromEntries(
      Object.entries(rows)
        .map(([id, r]) => [id, keep(r)] as const)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    );
  return {
    orders: live(w.orders, (o) => (o.status === "rejected" ? undefined : o.status)),
    stock: w.stock,
    credit: w.credit,
    payments: live(w.payments, (p) => (p.status === "voided" ? undefined : `${p.status} ${p.amount}`)),
    reservations: live(w.reservations, (r) => (r.state === "released" ? undefined : r.state)),
  };
}

export const orderTotal = (items: readonly OrderItem[]): number =>
  items.reduce((sum, i) => sum + i.quantity * i.price.amount, 0);
