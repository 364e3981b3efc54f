// The checked Model: what every rule, emitter, the model checker and the language server
// read. Plain serializable data (names and ids, never object cycles), described by zod so
// `archc schema` can print its JSON Schema and tests can validate compiled models.
//
// Conventions:
// - Collections are objects keyed by name, in declaration order (file load order, then
//   source order), so iteration and JSON output are deterministic.
// - Ops are identified by `OpId` = "service.api.op" (always the full form).
// - Units are normalised: durations in milliseconds, sizes in bytes, CPU in millicores,
//   percentages as fractions (99.9% → 0.999), rates per second.
// - Every element carries the span of its declaration (`span`) and of its name (`nameSpan`).
// - Error tolerance: an element whose parts failed to resolve is still present, with the
//   unresolved parts set to the `error` type or omitted, and `ok: false` where it matters.

import { z } from "zod";

export const SpanSchema = z.object({
  file: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  line: z.number().int(),
  col: z.number().int(),
  endLine: z.number().int(),
  endCol: z.number().int(),
});

export const PrimitiveNames = [
  "string",
  "int",
  "decimal",
  "bool",
  "uuid",
  "timestamp",
  "date",
  "bytes",
  "unit",
] as const;
export const PrimitiveNameSchema = z.enum(PrimitiveNames);

/** A resolved type: aliases expanded, products flattened with `unit` dropped. */
export type TypeExpr =
  | { kind: "prim"; name: z.infer<typeof PrimitiveNameSchema> }
  | { kind: "ref"; name: string }
  | { kind: "list"; element: TypeExpr }
  | { kind: "map"; key: TypeExpr; value: TypeExpr }
  | { kind: "product"; parts: TypeExpr[] }
  | { kind: "error" };

export const TypeExprSchema: z.ZodType<TypeExpr> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("prim"), name: PrimitiveNameSchema }),
    z.object({ kind: z.literal("ref"), name: z.string() }),
    z.object({ kind: z.literal("list"), element: TypeExprSchema }),
    z.object({ kind: z.literal("map"), key: TypeExprSchema, value: TypeExprSchema }),
    z.object({ kind: z.literal("product"), parts: z.array(TypeExprSchema) }),
    z.object({ kind: z.literal("error") }),
  ]),
);

const doc = z.string().optional();

export const FieldSchema = z.object({
  name: z.string(),
  optional: z.boolean(),
  type: TypeExprSchema,
  doc,
  span: SpanSchema,
});

export const TypeDefSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("record"),
    name: z.string(),
    fields: z.array(FieldSchema),
    doc,
    span: SpanSchema,
    nameSpan: SpanSchema,
  }),
  z.object({
    kind: z.literal("enum"),
    name: z.string(),
    members: z.array(z.string()),
    doc,
    span: SpanSchema,
    nameSpan: SpanSchema,
  }),
  z.object({
    kind: z.literal("alias"),
    name: z.string(),
    target: TypeExprSchema,
    doc,
    span: SpanSchema,
    nameSpan: SpanSchema,
  }),
]);

export const StoreSchema = z.object({
  name: z.string(),
  kind: z.string(),
  version: z.string().optional(),
  sizeBytes: z.number().optional(),
  backup: z.string().optional(),
  image: z.string().optional(),
  port: z.number().int().optional(),
  external: z.boolean(),
  doc,
  span: SpanSchema,
  nameSpan: SpanSchema,
});

export const BrokerSchema = z.object({
  name: z.string(),
  kind: z.string(),
  version: z.string().optional(),
  replication: z.number().int().optional(),
  partitions: z.number().int().optional(),
  image: z.string().optional(),
  port: z.number().int().optional(),
  external: z.boolean(),
  doc,
  span: SpanSchema,
  nameSpan: SpanSchema,
});

export const TopicSchema = z.object({
  name: z.string(),
  broker: z.string().optional(),
  partitions: z.number().int().optional(),
  replication: z.number().int().optional(),
  key: z.string().optional(),
  keySpan: SpanSchema.optional(),
  retentionMs: z.number().optional(),
  doc,
  span: SpanSchema,
  nameSpan: SpanSchema,
});

export const EventSchema = z.object({
  name: z.string(),
  payload: TypeExprSchema,
  topic: z.string().optional(),
  doc,
  span: SpanSchema,
  nameSpan: SpanSchema,
});

export const HttpBindingSchema = z.object({
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]),
  path: z.string(),
  /** False when the binding was written; true for the default `POST "/<op>"`. */
  implicit: z.boolean(),
  /** Path parameters, e.g. `["id"]` for `/orders/{id}`. */
  params: z.array(z.string()),
});

export const OpSchema = z.object({
  /** "service.api.op" */
  id: z.string(),
  service: z.string(),
  api: z.string(),
  name: z.string(),
  domain: TypeExprSchema,
  codomain: TypeExprSchema,
  /** Business errors (record or enum type names). */
  errors: z.array(z.string()),
  http: HttpBindingSchema.optional(),
  idempotent: z.boolean(),
  readonly: z.boolean(),
  /** Safe to run when the step it compensates never happened (LAWS.md §C2). */
  toleratesAbsent: z.boolean(),
  latencyMs: z.number().optional(),
  doc,
  span: SpanSchema,
  nameSpan: SpanSchema,
});

export const ApiSchema = z.object({
  name: z.string(),
  /** 1 for `v1`; absent when the name is not `v<digits>`. */
  version: z.number().int().optional(),
  protocol: z.enum(["rest", "grpc", "graphql"]),
  /** OpIds in declaration order. */
  ops: z.array(z.string()),
  doc,
  span: SpanSchema,
  nameSpan: SpanSchema,
});

export const CallPolicySchema = z.object({
  timeoutMs: z.number().optional(),
  perTryMs: z.number().optional(),
  /** Retries after the first attempt; 0 when not written. */
  retries: z.number().int(),
  backoff: z.object({ minMs: z.number(), maxMs: z.number() }).optional(),
  breaker: z.object({ failures: z.number().int(), windowMs: z.number() }).optional(),
  bulkhead: z.number().int().optional(),
});

export const CallSchema = z.object({
  from: z.string(),
  /** The OpId called; absent when the target did not resolve. */
  op: z.string().optional(),
  toService: z.string(),
  policy: CallPolicySchema,
  /** True when a policy block `{ }` was written. */
  hasPolicyBlock: z.boolean(),
  span: SpanSchema,
  /** Span of the `svc.op` reference. */
  targetSpan: SpanSchema,
});

export const ServiceSchema = z.object({
  name: z.string(),
  title: z.string().optional(),
  owner: z.string().optional(),
  tech: z.string().optional(),
  image: z.string().optional(),
  port: z.number().int().optional(),
  replicas: z
    .object({ min: z.number().int(), max: z.number().int(), cpuTarget: z.number().optional() })
    .optional(),
  resources: z
    .object({
      cpu: z.object({ requestMillis: z.number(), limitMillis: z.number() }).optional(),
      memory: z.object({ requestBytes: z.number(), limitBytes: z.number() }).optional(),
    })
    .optional(),
  health: z.string().optional(),
  ready: z.string().optional(),
  availability: z.number().optional(),
  balance: z.object({ strategy: z.string(), hashField: z.string().optional() }).optional(),
  env: z.array(z.object({ key: z.string(), value: z.string(), span: SpanSchema })),
  secrets: z.array(z.object({ name: z.string(), from: z.string(), span: SpanSchema })),
  public: z.boolean(),
  uses: z.array(
    z.object({ store: z.string(), mode: z.enum(["readwrite", "read", "write"]), span: SpanSchema }),
  ),
  apis: z.array(ApiSchema),
  calls: z.array(CallSchema),
  publishes: z.array(z.object({ event: z.string(), span: SpanSchema })),
  consumes: z.array(z.object({ event: z.string(), handler: z.string().optional(), span: SpanSchema })),
  doc,
  span: SpanSchema,
  nameSpan: SpanSchema,
});

/** A flow term in normal form (flattened, identities removed; see LAWS.md §A). */
export type FlowTerm =
  | { kind: "op"; op: string; span: z.infer<typeof SpanSchema> }
  | { kind: "id"; type: TypeExpr }
  | { kind: "seq"; parts: FlowTerm[] }
  | { kind: "fanout"; parts: FlowTerm[] }
  | { kind: "par"; parts: FlowTerm[] };

export const FlowTermSchema: z.ZodType<FlowTerm> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("op"), op: z.string(), span: SpanSchema }),
    z.object({ kind: z.literal("id"), type: TypeExprSchema }),
    z.object({ kind: z.literal("seq"), parts: z.array(FlowTermSchema) }),
    z.object({ kind: z.literal("fanout"), parts: z.array(FlowTermSchema) }),
    z.object({ kind: z.literal("par"), parts: z.array(FlowTermSchema) }),
  ]),
);

export const FlowSchema = z.object({
  name: z.string(),
  /** The declared signature, if written. */
  declared: z.object({ domain: TypeExprSchema, codomain: TypeExprSchema }).optional(),
  /** The inferred signature; absent when the flow is ill-typed. */
  type: z.object({ domain: TypeExprSchema, codomain: TypeExprSchema }).optional(),
  /** Normal form; absent when an op did not resolve. */
  term: FlowTermSchema.optional(),
  /** Every op occurrence in source order (for chatty-flow and undeclared-dependency). */
  opRefs: z.array(z.object({ op: z.string(), span: SpanSchema })),
  by: z.string().optional(),
  bySpan: SpanSchema.optional(),
  slo: z
    .object({ latencyMs: z.number().optional(), availability: z.number().optional(), span: SpanSchema })
    .optional(),
  doc,
  span: SpanSchema,
  nameSpan: SpanSchema,
});

export const SagaCallSchema = z.object({
  /** OpId; absent when unresolved. */
  op: z.string().optional(),
  /**
   * "input" or the name of an earlier step. For a compensation: the step's own name when no
   * source is written (it receives the step's result), else the source named.
   */
  source: z.string(),
  span: SpanSchema,
});

export const SagaStepSchema = z.object({
  name: z.string(),
  /**
   * compensatable: has `compensate`; readonly: its op is readonly (needs no compensation);
   * pivot: the point of no return; retriable: `retriable` after the pivot; uncompensated: a
   * non-readonly step with neither (the saga-missing-compensation rule reports it).
   */
  kind: z.enum(["compensatable", "readonly", "pivot", "retriable", "uncompensated"]),
  action: SagaCallSchema,
  compensation: SagaCallSchema.optional(),
  /** Index of the `parallel { }` group this step belongs to, if any. */
  group: z.number().int().optional(),
  doc,
  span: SpanSchema,
  nameSpan: SpanSchema,
});

export const SagaSchema = z.object({
  name: z.string(),
  input: TypeExprSchema,
  by: z.string().optional(),
  bySpan: SpanSchema.optional(),
  /** Steps in execution order, parallel groups flattened (see `group`). */
  steps: z.array(SagaStepSchema),
  /** Name of the pivot step, if any. */
  pivot: z.string().optional(),
  doc,
  span: SpanSchema,
  nameSpan: SpanSchema,
});

export const RouteSchema = z.object({
  path: z.string(),
  service: z.string(),
  /** The API version routed to (resolved: the newest when not written). */
  api: z.string().optional(),
  ratePerSecond: z.number().optional(),
  balance: z.object({ strategy: z.string(), hashField: z.string().optional() }).optional(),
  timeoutMs: z.number().optional(),
  retries: z.number().int().optional(),
  stripPrefix: z.boolean(),
  span: SpanSchema,
});

export const GatewaySchema = z.object({
  name: z.string(),
  port: z.number().int().optional(),
  host: z.string().optional(),
  tls: z.boolean(),
  auth: z
    .object({
      scheme: z.string(),
      issuer: z.string().optional(),
      audience: z.string().optional(),
      header: z.string().optional(),
      ttlMs: z.number().optional(),
    })
    .optional(),
  cors: z
    .object({
      origins: z.array(z.string()),
      credentials: z.boolean(),
      methods: z.string().optional(),
      headers: z.string().optional(),
      maxAgeMs: z.number().optional(),
    })
    .optional(),
  routes: z.array(RouteSchema),
  doc,
  span: SpanSchema,
  nameSpan: SpanSchema,
});

export const DeploymentSchema = z.object({
  name: z.string(),
  target: z
    .object({
      kind: z.enum(["kubernetes", "compose"]),
      namespace: z.string().optional(),
      registry: z.string().optional(),
      project: z.string().optional(),
    })
    .optional(),
  mesh: z.object({ kind: z.string(), mtls: z.string().optional() }).optional(),
  tracing: z
    .object({ kind: z.string(), endpoint: z.string().optional(), sample: z.number().optional() })
    .optional(),
  canaries: z.array(z.object({ service: z.string(), api: z.string(), weight: z.number(), span: SpanSchema })),
  doc,
  span: SpanSchema,
  nameSpan: SpanSchema,
});

export const RulesConfigSchema = z.object({
  failOn: z.enum(["error", "warning", "info"]).optional(),
  settings: z.array(
    z.object({
      rule: z.string(),
      option: z.string(),
      value: z.union([z.string(), z.number()]),
      span: SpanSchema,
    }),
  ),
  allows: z.array(z.object({ rule: z.string(), target: z.string(), reason: z.string(), span: SpanSchema })),
});

/** `// archc-allow <rule>: reason` — silences a finding on the next line of the same file. */
export const SuppressionSchema = z.object({
  rule: z.string(),
  reason: z.string(),
  /** The line the suppression applies to (the line after the comment). */
  appliesToLine: z.number().int(),
  span: SpanSchema,
});

const names = z.array(z.string());

/** Indexes built once so rules run in linear time. Lists are in declaration order, unique. */
export const ModelIndexSchema = z.object({
  /** Synchronous call graph between services. */
  callees: z.record(z.string(), names),
  callers: z.record(z.string(), names),
  /** For each OpId, the services that call it. */
  opCallers: z.record(z.string(), names),
  /** For each store, the services using it and how. */
  storeUsers: z.record(
    z.string(),
    z.array(z.object({ service: z.string(), mode: z.enum(["readwrite", "read", "write"]) })),
  ),
  /** For each event, its publishers; and its consumers with their handler op. */
  producers: z.record(z.string(), names),
  consumers: z.record(z.string(), z.array(z.object({ service: z.string(), handler: z.string().optional() }))),
  /** For each topic, the events on it. */
  topicEvents: z.record(z.string(), names),
  /** For each service, the gateway routes that reach it. */
  routes: z.record(z.string(), z.array(z.object({ gateway: z.string(), index: z.number().int() }))),
  /** Newest API version name per service (the one `svc.op` addresses). */
  newestApi: z.record(z.string(), z.string()),
});

export const ModelSchema = z.object({
  /** Bumped when the shape changes incompatibly. */
  schemaVersion: z.literal(1),
  system: z.object({
    name: z.string(),
    title: z.string().optional(),
    version: z.string().optional(),
    owner: z.string().optional(),
    doc,
    span: SpanSchema.optional(),
  }),
  /** Root-relative paths of the compiled files, in load order. */
  files: z.array(z.string()),
  types: z.record(z.string(), TypeDefSchema),
  stores: z.record(z.string(), StoreSchema),
  brokers: z.record(z.string(), BrokerSchema),
  topics: z.record(z.string(), TopicSchema),
  events: z.record(z.string(), EventSchema),
  services: z.record(z.string(), ServiceSchema),
  ops: z.record(z.string(), OpSchema),
  flows: z.record(z.string(), FlowSchema),
  sagas: z.record(z.string(), SagaSchema),
  gateways: z.record(z.string(), GatewaySchema),
  deployments: z.record(z.string(), DeploymentSchema),
  rules: RulesConfigSchema,
  suppressions: z.array(SuppressionSchema),
  index: ModelIndexSchema,
});

export type Model = z.infer<typeof ModelSchema>;
export type ModelIndex = z.infer<typeof ModelIndexSchema>;
export type TypeDef = z.infer<typeof TypeDefSchema>;
export type Field = z.infer<typeof FieldSchema>;
export type Store = z.infer<typeof StoreSchema>;
export type Broker = z.infer<typeof BrokerSchema>;
export type Topic = z.infer<typeof TopicSchema>;
export type Event = z.infer<typeof EventSchema>;
export type Service = z.infer<typeof ServiceSchema>;
export type Api = z.infer<typeof ApiSchema>;
export type Op = z.infer<typeof OpSchema>;
export type HttpBinding = z.infer<typeof HttpBindingSchema>;
export type Call = z.infer<typeof CallSchema>;
export type CallPolicy = z.infer<typeof CallPolicySchema>;
export type Flow = z.infer<typeof FlowSchema>;
export type Saga = z.infer<typeof SagaSchema>;
export type SagaStep = z.infer<typeof SagaStepSchema>;
export type SagaCall = z.infer<typeof SagaCallSchema>;
export type Gateway = z.infer<typeof GatewaySchema>;
export type Route = z.infer<typeof RouteSchema>;
export type Deployment = z.infer<typeof DeploymentSchema>;
export type RulesConfig = z.infer<typeof RulesConfigSchema>;
export type Suppression = z.infer<typeof SuppressionSchema>;
export type PrimitiveName = z.infer<typeof PrimitiveNameSchema>;

/** The JSON Schema of the Model (printed by `archc schema`). */
export function modelJsonSchema(): unknown {
  return z.toJSONSchema(ModelSchema, { unrepresentable: "any" });
}
