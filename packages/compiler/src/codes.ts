// The catalogue of compiler diagnostic codes: one place for every code, its title and the page
// `archc explain` prints. E02xx names, E03xx types and flows, E04xx sagas, E05xx events, topics,
// HTTP, gateways and configuration. Every explanation carries an example (an `arch` block)
// that the test suite compiles to check it raises exactly that code.

import { type CodeInfo, frontEndCodes } from "@archc/dsl";

export const compilerCodes = {
  E0201: {
    title: "duplicate name",
    explanation: `All top-level declarations of a compilation (types, enums, stores, brokers, topics, events, services, flows, sagas, gateways, deployments) share one namespace across every file, because they become names in one deployment: a store and a service called \`orders\` would collide as compose services and Kubernetes objects. A second \`system\` declaration is also a duplicate, and a type may not take the name of a primitive (\`string\`, \`uuid\`, …).

Example:

\`\`\`arch
type Order { id: uuid }
store Order: postgres
\`\`\`

Fix: rename one of the two declarations. The diagnostic points at the second; its related range points at the first.`,
  },
  E0202: {
    title: "unknown name",
    explanation: `A reference names a type, store, broker, topic, event, service or gateway that is not declared anywhere in the compilation. When a declared name is within two edits, the message suggests it and the editor offers a quick fix.

Example:

\`\`\`arch
type Order { id: uuid }
service orders { api v1 { op get: uuid -> Ordr } }
\`\`\`

Fix: correct the spelling, declare the missing name, or \`import\` the file that declares it.`,
  },
  E0203: {
    title: "unknown operation",
    explanation: `An op reference \`svc.op\` or \`svc.api.op\` names a service that exists but an op it does not declare. \`svc.op\` addresses the service's newest API (the highest \`v<N>\`); when the op only exists in an older version, the message says so and the fix rewrites the reference to \`svc.vN.op\`.

Example:

\`\`\`arch
service payments { api v1 { op charge: uuid -> unit } }
service orders { calls payments.refund { timeout 1s } }
\`\`\`

Fix: name an op the service declares, or add the op to the service's API.`,
  },
  E0204: {
    title: "unknown API",
    explanation: `A reference names an API of a service (\`svc.v2.op\`, a gateway route \`-> svc.v2\`, \`canary svc.v2 20%\`, a handler \`-> v2.op\`) that the service does not declare.

Example:

\`\`\`arch
service orders { api v1 { op get: uuid -> unit } }
gateway edge { route "/orders" -> orders.v2 }
\`\`\`

Fix: name one of the service's \`api\` blocks, or declare the new version.`,
  },
  E0205: {
    title: "wrong kind of name",
    explanation: `A name resolves, but to the wrong kind of declaration: a store where a service is expected, a service where a type is expected, and so on.

Example:

\`\`\`arch
store orders-db: postgres
service orders { uses orders-db }
flow f = orders-db.get
\`\`\`

Fix: reference a declaration of the kind the position needs.`,
  },
  E0206: {
    title: "duplicate member",
    explanation: `A declaration lists the same member twice: a record field, an enum member, an API of a service, an op of an API, a saga step, an env variable or secret, a \`uses\` of one store or a \`calls\` of one op.

Example:

\`\`\`arch
type Order { id: uuid, id: string }
\`\`\`

Fix: remove or rename the repeated member.`,
  },
  E0207: {
    title: "setting given twice",
    explanation: `A block sets the same property or setting twice (\`port 80 port 81\`, two \`replicas\` lines, two \`target\`s in one \`deploy\`, two \`fail-on\`s). archc does not guess which one you meant.

Example:

\`\`\`arch
service orders { port 8000  port 8080 }
\`\`\`

Fix: keep one of them.`,
  },
  E0301: {
    title: "composition type mismatch",
    explanation: `In a flow, \`f ; g\` feeds the output of \`f\` into \`g\`, so the codomain of \`f\` must equal the domain of \`g\` (LAWS.md §A1). Records and enums are nominal: two records with the same fields are still different types. Products are flat and \`unit\` is their identity, so \`A * unit\` equals \`A\`.

Example:

\`\`\`arch
type Order { id: uuid }
type Reservation { id: uuid }
type Payment { id: uuid }
service inventory { api v1 { op reserve: Order -> Reservation } }
service payments { api v1 { op charge: Order -> Payment } }
flow bad = inventory.reserve ; payments.charge
\`\`\`

Fix: insert an op that turns the first codomain into the second domain, or change one of the signatures.`,
  },
  E0302: {
    title: "fan-out domain mismatch",
    explanation: `\`f & g\` sends one input to both \`f\` and \`g\`, so their domains must be equal (LAWS.md §A6). To run ops on different inputs side by side, use the parallel product \`f * g\`.

Example:

\`\`\`arch
type Order { id: uuid }
type Payment { id: uuid }
service orders { api v1 { op get: uuid -> Order } }
service payments { api v1 { op get: Order -> Payment } }
flow page = orders.get & payments.get
\`\`\`

Fix: give every branch the same domain, or use \`*\`.`,
  },
  E0303: {
    title: "declared flow type differs from its body",
    explanation: `A flow declared \`flow f: A -> B = …\` must have a body whose inferred type is exactly \`A -> B\`.

Example:

\`\`\`arch
type Order { id: uuid }
service orders { api v1 { op get: uuid -> Order } }
flow f: uuid -> uuid = orders.get
\`\`\`

Fix: correct the declared signature, or change the body.`,
  },
  E0304: {
    title: "type alias cycle",
    explanation: `Aliases are transparent, so an alias defined in terms of itself (directly, or through other aliases, lists or maps) would be an infinite type. Recursion is allowed through records, which are referenced by name.

Example:

\`\`\`arch
type A = B
type B = list<A>
\`\`\`

Fix: make one link of the cycle a record, e.g. \`type Node { children: list<Node> }\`.`,
  },
  E0305: {
    title: "error type is not a record or enum",
    explanation: `The types after \`!\` in an op are its business failures (OpenAPI 4xx responses); each must be a record or an enum (or an alias of one).

Example:

\`\`\`arch
service orders { api v1 { op place: uuid -> unit ! string } }
\`\`\`

Fix: declare a record or enum for the failure, e.g. \`enum OrderRejected { out-of-stock, blocked }\`.`,
  },
  E0306: {
    title: "map key is not a string type",
    explanation: `Maps serialise as JSON objects, whose keys are strings. A map key must be \`string\`, \`uuid\`, \`date\`, \`timestamp\` or an enum (or an alias of one).

Example:

\`\`\`arch
type Prices { byQuantity: map<int, decimal> }
\`\`\`

Fix: key the map by a string type, or use a \`list\` of records.`,
  },
  E0401: {
    title: "saga step input type mismatch",
    explanation: `A saga step receives its source: the saga's parameter (\`input\`, the default) or the result of an earlier step (\`svc.op(step)\`). The op's domain must equal the source's type.

Example:

\`\`\`arch
type Order { id: uuid }
type Payment { id: uuid }
service payments { api v1 { op charge: Order -> Payment  op refund: Payment -> unit idempotent  op capture: Order -> unit } }
saga pay(Order) {
  step charge: payments.charge compensate payments.refund
  pivot capture: payments.capture(charge)
}
\`\`\`

Fix: pass the step the source it expects, or change the op's domain.`,
  },
  E0402: {
    title: "invalid saga step source",
    explanation: `The source in \`svc.op(source)\` must be \`input\` or the name of a step that runs earlier. A step cannot read its own result, a later step's, or that of a step in the same \`parallel\` group (they run concurrently).

Example:

\`\`\`arch
type Order { id: uuid }
service orders { api v1 { op create: Order -> Order  op reject: Order -> unit idempotent  op approve: Order -> unit } }
saga place(Order) {
  step create: orders.create(approve) compensate orders.reject
  pivot approve: orders.approve
}
\`\`\`

Fix: name \`input\` or an earlier step.`,
  },
  E0403: {
    title: "compensation domain mismatch",
    explanation: `A compensation undoes its step, so by default it receives the step's own result: its domain must equal the step's codomain (LAWS.md §A9). With an explicit source (\`compensate svc.op(source)\`) it must equal that source's type instead.

Example:

\`\`\`arch
type Order { id: uuid }
type Reservation { id: uuid }
type Payment { id: uuid }
service inventory { api v1 { op release: Reservation -> unit idempotent } }
service payments { api v1 { op charge: Order -> Payment } }
saga s(Order) { step charge: payments.charge compensate inventory.release }
\`\`\`

Fix: compensate with an op that takes the step's result, or name the source it needs.`,
  },
  E0404: {
    title: "saga step after the pivot is not retriable",
    explanation: `A saga has the shape \`(compensatable | readonly)* pivot? retriable*\` (LAWS.md §A8): once the pivot commits there is no going back, so every later step must be \`retriable\` (it is retried until it succeeds). The same holds after the first \`retriable\` step of a saga without a pivot.

Example:

\`\`\`arch
type Order { id: uuid }
type Payment { id: uuid }
type Shipment { id: uuid }
service shipping { api v1 { op schedule: Order -> Shipment } }
service payments { api v1 { op charge: Order -> Payment  op refund: Payment -> unit idempotent } }
saga s2(Order) {
  pivot ship: shipping.schedule
  step charge: payments.charge compensate payments.refund
}
\`\`\`

Fix: move the step before the pivot, or make it \`retriable\` (and drop its compensation).`,
  },
  E0405: {
    title: "more than one pivot",
    explanation: `The pivot is the saga's single point of no return; a saga has at most one.

Example:

\`\`\`arch
type Order { id: uuid }
service orders { api v1 { op approve: Order -> unit  op ship: Order -> unit } }
saga s(Order) {
  pivot approve: orders.approve
  pivot ship: orders.ship
}
\`\`\`

Fix: keep one pivot; steps after it are \`retriable\`.`,
  },
  E0406: {
    title: "retriable step before the pivot",
    explanation: `\`retriable\` steps are the forward-recovery tail of a saga and follow its pivot. Before the pivot a failure must be undone, so steps there are compensatable or readonly.

Example:

\`\`\`arch
type Order { id: uuid }
service orders { api v1 { op notify: Order -> unit idempotent  op approve: Order -> unit } }
saga s(Order) {
  step notify: orders.notify retriable
  pivot approve: orders.approve
}
\`\`\`

Fix: move the retriable step after the pivot, or give it a compensation instead.`,
  },
  E0407: {
    title: "compensation on a pivot or retriable step",
    explanation: `Only steps before the pivot are compensated. A pivot is never undone, and a retriable step is retried forward rather than rolled back, so neither takes \`compensate\`.

Example:

\`\`\`arch
type Order { id: uuid }
service orders { api v1 { op approve: Order -> unit  op revoke: unit -> unit idempotent } }
saga s(Order) { pivot approve: orders.approve compensate orders.revoke }
\`\`\`

Fix: remove the compensation, or make the step an ordinary compensatable \`step\` before the pivot.`,
  },
  E0408: {
    title: "pivot inside a parallel group",
    explanation: `The pivot is a single point in the saga's order; steps of a \`parallel { }\` group run concurrently with each other, so none of them can be the pivot.

Example:

\`\`\`arch
type Order { id: uuid }
service orders { api v1 { op approve: Order -> unit  op log: Order -> unit readonly } }
saga s(Order) {
  parallel {
    pivot approve: orders.approve
    step log: orders.log
  }
}
\`\`\`

Fix: move the pivot out of the group.`,
  },
  E0501: {
    title: "event handler does not take the event's payload",
    explanation: `\`consumes Event -> op\` delivers each event to the handler op, so the op's domain must equal the event's payload type.

Example:

\`\`\`arch
type Order { id: uuid }
type Payment { id: uuid }
broker bus: kafka
topic payments on bus
event PaymentCompleted: Payment on payments
service orders {
  api v1 { op confirm: Order -> unit idempotent }
  consumes PaymentCompleted -> confirm
}
\`\`\`

Fix: give the handler the payload as its domain, or consume a different event.`,
  },
  E0502: {
    title: "topic key missing from a payload",
    explanation: `A topic's \`key\` names the payload field used as the partition key, so every event on the topic must have a record payload with that field.

Example:

\`\`\`arch
type Order { id: uuid, customer: uuid }
type Payment { id: uuid }
broker bus: kafka
topic order-events on bus { key customer }
event OrderPlaced: Order on order-events
event PaymentTaken: Payment on order-events
\`\`\`

Fix: add the field to each payload, key the topic by a field all payloads share, or move the event to another topic.`,
  },
  E0503: {
    title: "HTTP path parameter does not match the op's input",
    explanation: `A path parameter \`{x}\` is read from the op's input: \`x\` must be a field of the domain record. When the domain is a primitive or an enum (or an alias of one), the path may hold exactly one parameter, which binds the whole input. Parameters must be non-empty names in balanced braces.

Example:

\`\`\`arch
type OrderRef { id: uuid }
service orders { api v1 { op get: OrderRef -> unit GET "/orders/{orderId}" readonly } }
\`\`\`

Fix: name a field of the input record, or change the domain.`,
  },
  E0504: {
    title: "duplicate HTTP route in an API",
    explanation: `Two ops of one API version are bound to the same method and path (parameter names do not matter: \`/orders/{id}\` and \`/orders/{ref}\` are one route). Remember that an op without a binding is bound to \`POST "/<op-name>"\`.

Example:

\`\`\`arch
service orders { api v1 {
  op get: uuid -> unit GET "/orders/{id}" readonly
  op find: uuid -> unit GET "/orders/{ref}" readonly
} }
\`\`\`

Fix: give each op its own method and path.`,
  },
  E0505: {
    title: "duplicate gateway route",
    explanation: `A gateway routes each path prefix to one service; two routes with the same path in one gateway are ambiguous.

Example:

\`\`\`arch
service orders { api v1 { op get: uuid -> unit } }
service legacy { api v1 { op get: uuid -> unit } }
gateway edge {
  route "/api/orders" -> orders
  route "/api/orders" -> legacy
}
\`\`\`

Fix: remove one route or give it another path.`,
  },
  E0506: {
    title: "malformed suppression comment",
    explanation: `\`// archc-allow <rule>: reason\` silences one finding of \`<rule>\` on the next line. The reason is required: a suppression without one hides a decision nobody can review.

Example:

\`\`\`arch
store db: postgres
// archc-allow shared-store
service a { uses db }
\`\`\`

Fix: write \`// archc-allow shared-store: <why this is acceptable>\`.`,
  },
} as const satisfies Record<string, CodeInfo>;

export type CompilerCode = keyof typeof compilerCodes;

/** Every code archc's front end and compiler can report, for `archc explain`. */
export const allCodes: Readonly<Record<string, CodeInfo>> = { ...frontEndCodes, ...compilerCodes };
