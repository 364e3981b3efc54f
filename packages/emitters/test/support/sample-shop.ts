// A small shop with every kind of element the emitters handle: services with policies,
// stores, a broker with a topic, events, a gateway with auth and CORS, and two deployments.

import type { Model } from "@archc/compiler";
import {
  addBroker,
  addDeployment,
  addEvent,
  addGateway,
  addService,
  addStore,
  addTopic,
  addType,
  emptyModel,
  span,
} from "./build-model.js";

export function sampleShop(): Model {
  const m = emptyModel("shop");
  m.system.version = "1.4.0";
  addType(m, {
    kind: "record",
    name: "Order",
    doc: "An order as the customer placed it",
    fields: [
      { name: "id", optional: false, type: { kind: "prim", name: "uuid" }, span },
      {
        name: "items",
        optional: false,
        type: { kind: "list", element: { kind: "ref", name: "Item" } },
        span,
      },
      { name: "status", optional: false, type: { kind: "ref", name: "OrderStatus" }, span },
      { name: "coupon", optional: true, type: { kind: "prim", name: "string" }, doc: "a code", span },
      {
        name: "meta",
        optional: false,
        type: { kind: "map", key: { kind: "prim", name: "string" }, value: { kind: "prim", name: "string" } },
        span,
      },
    ],
    span,
    nameSpan: span,
  });
  addType(m, {
    kind: "record",
    name: "Item",
    fields: [
      { name: "sku", optional: false, type: { kind: "prim", name: "string" }, span },
      { name: "qty", optional: false, type: { kind: "prim", name: "int" }, span },
      { name: "price", optional: false, type: { kind: "prim", name: "decimal" }, span },
    ],
    span,
    nameSpan: span,
  });
  addType(m, { kind: "enum", name: "OrderStatus", members: ["pending", "confirmed"], span, nameSpan: span });
  addType(m, {
    kind: "record",
    name: "OutOfStock",
    fields: [{ name: "sku", optional: false, type: { kind: "prim", name: "string" }, span }],
    span,
    nameSpan: span,
  });
  addType(m, {
    kind: "record",
    name: "Reservation",
    fields: [{ name: "id", optional: false, type: { kind: "prim", name: "uuid" }, span }],
    span,
    nameSpan: span,
  });
  addStore(m, "orders-db", "postgres", { version: "16", sizeBytes: 20 * 2 ** 30 });
  addStore(m, "cart-cache", "redis");
  addBroker(m, "bus", "kafka", { replication: 3 });
  addTopic(m, "order-events", "bus", {
    partitions: 6,
    replication: 2,
    key: "id",
    retentionMs: 7 * 86_400_000,
  });
  addEvent(m, "OrderPlaced", "Order", "order-events");
  addService(m, "inventory", {
    port: 8001,
    health: "/health",
    ready: "/ready",
    balance: { strategy: "least-conn" },
    apis: [
      {
        name: "v1",
        ops: [
          {
            name: "reserve",
            domain: { kind: "ref", name: "Order" },
            codomain: { kind: "ref", name: "Reservation" },
            errors: ["OutOfStock"],
            http: { method: "POST", path: "/reservations", implicit: false, params: [] },
            idempotent: true,
            doc: "Reserve stock for an order",
          },
        ],
      },
    ],
    consumes: [{ event: "OrderPlaced", span }],
  });
  addService(m, "orders", {
    title: "Order service",
    doc: "Order lifecycle from creation to fulfilment",
    image: "ghcr.io/shop/orders:1.4.2",
    port: 8000,
    replicas: { min: 2, max: 10, cpuTarget: 0.7 },
    resources: {
      cpu: { requestMillis: 250, limitMillis: 500 },
      memory: { requestBytes: 256 * 2 ** 20, limitBytes: 512 * 2 ** 20 },
    },
    health: "/health",
    ready: "/ready",
    public: true,
    env: [{ key: "LOG_LEVEL", value: "info", span }],
    secrets: [{ name: "DATABASE_URL", from: "orders-db-credentials", span }],
    uses: [{ store: "orders-db", mode: "readwrite", span }],
    apis: [
      {
        name: "v1",
        ops: [
          {
            name: "place",
            domain: { kind: "ref", name: "Order" },
            codomain: { kind: "ref", name: "Order" },
            errors: ["OutOfStock"],
            http: { method: "POST", path: "/orders", implicit: false, params: [] },
          },
          {
            name: "get",
            domain: { kind: "prim", name: "uuid" },
            codomain: { kind: "ref", name: "Order" },
            http: { method: "GET", path: "/orders/{id}", implicit: false, params: ["id"] },
            readonly: true,
            idempotent: true,
          },
        ],
      },
    ],
    calls: [
      {
        op: "inventory.v1.reserve",
        policy: {
          timeoutMs: 500,
          perTryMs: 200,
          retries: 2,
          breaker: { failures: 5, windowMs: 30_000 },
          bulkhead: 20,
        },
      },
    ],
    publishes: [{ event: "OrderPlaced", span }],
  });
  addService(m, "worker", { uses: [{ store: "cart-cache", mode: "readwrite", span }] });
  addGateway(m, {
    name: "edge",
    port: 443,
    tls: true,
    host: "shop.example.com",
    auth: { scheme: "jwt", issuer: "https://auth.shop.example", audience: "shop", ttlMs: 3_600_000 },
    cors: { origins: ["https://app.shop.example"], credentials: true },
    routes: [
      {
        path: "/api/orders",
        service: "orders",
        api: "v1",
        ratePerSecond: 1000 / 3600,
        balance: { strategy: "round-robin" },
        timeoutMs: 30_000,
        stripPrefix: true,
        span,
      },
    ],
  });
  addDeployment(m, {
    name: "prod",
    target: { kind: "kubernetes", namespace: "shop" },
    mesh: { kind: "istio", mtls: "strict" },
  });
  addDeployment(m, { name: "local", target: { kind: "compose" } });
  return m;
}
