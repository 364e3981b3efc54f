// What each block accepts as `keyword value` properties and bare flags, and which kinds a
// declaration may name. The parser reads these tables; the formatter and docs list them.

/** The kind of literal a property takes. */
export type ValueKind =
  | "string"
  | "int"
  | "number"
  | "duration"
  | "size"
  | "percent"
  | "rate"
  | "cpu"
  | "duration-range"
  | "name"
  | "flag";

export type BlockContext =
  | "system"
  | "store"
  | "broker"
  | "topic"
  | "service"
  | "op"
  | "policy"
  | "gateway"
  | "auth"
  | "cors"
  | "route"
  | "target"
  | "mesh"
  | "tracing";

export const blockProperties: Record<BlockContext, Readonly<Record<string, ValueKind>>> = {
  system: { version: "string", owner: "string" },
  store: { version: "string", size: "size", backup: "name", image: "string", port: "int", external: "flag" },
  broker: {
    version: "string",
    replication: "int",
    partitions: "int",
    image: "string",
    port: "int",
    external: "flag",
  },
  topic: { partitions: "int", replication: "int", key: "name", retention: "duration" },
  service: {
    owner: "string",
    tech: "string",
    image: "string",
    port: "int",
    health: "string",
    ready: "string",
    availability: "percent",
    public: "flag",
  },
  op: { idempotent: "flag", readonly: "flag", "tolerates-absent": "flag", latency: "duration" },
  policy: {
    timeout: "duration",
    "per-try": "duration",
    retries: "int",
    backoff: "duration-range",
    bulkhead: "int",
  },
  gateway: { port: "int", host: "string", tls: "flag" },
  auth: { issuer: "string", audience: "string", header: "string", ttl: "duration" },
  cors: { credentials: "flag", methods: "string", headers: "string", "max-age": "duration" },
  route: { rate: "rate", timeout: "duration", retries: "int", "strip-prefix": "flag" },
  target: { namespace: "string", registry: "string", project: "string" },
  mesh: { mtls: "name" },
  tracing: { endpoint: "string", sample: "percent" },
};

/** Named kinds: what a `name`-valued property or a declaration's kind may be. */
export const knownKinds = {
  store: [
    "postgres",
    "mysql",
    "mariadb",
    "sqlserver",
    "mongodb",
    "redis",
    "memcached",
    "cassandra",
    "elasticsearch",
    "dynamodb",
    "s3",
  ],
  broker: ["kafka", "rabbitmq", "nats", "pubsub", "sqs"],
  protocol: ["rest", "grpc", "graphql"],
  balance: ["round-robin", "least-conn", "random", "hash"],
  backup: ["hourly", "daily", "weekly", "none"],
  mtls: ["strict", "permissive", "disable"],
  target: ["kubernetes", "compose"],
  mesh: ["istio", "none"],
  tracing: ["otlp", "jaeger", "zipkin"],
  auth: ["jwt", "oauth2", "apikey", "basic", "none"],
  usesMode: ["read", "write"],
  failOn: ["error", "warning", "info"],
} as const satisfies Record<string, readonly string[]>;

/** Name-valued properties whose value must be one of a known list. */
export const namedValueKinds: Readonly<Record<string, readonly string[]>> = {
  backup: knownKinds.backup,
  mtls: knownKinds.mtls,
};

export const valueKindExample: Record<ValueKind, string> = {
  string: 'a string such as "text"',
  int: "an integer such as 3",
  number: "a number such as 0.5",
  duration: "a duration such as 500ms",
  size: "a size such as 512Mi",
  percent: "a percentage such as 99.9%",
  rate: "a rate such as 100/s",
  cpu: "a CPU amount such as 250m or 0.5",
  "duration-range": "a duration range such as 50ms..1s",
  name: "a name",
  flag: "nothing (it is a flag)",
};

/** Members of a block that have their own grammar rule (not a `key value` property). */
export const structuredMembers: Partial<Record<BlockContext, readonly string[]>> = {
  service: [
    "replicas",
    "resources",
    "balance",
    "env",
    "secret",
    "uses",
    "api",
    "calls",
    "publishes",
    "consumes",
  ],
  gateway: ["auth", "cors", "route"],
  route: ["balance"],
  policy: ["breaker"],
  cors: ["origins"],
  op: ["op"],
};

/** Whether a word begins a member of a `ctx` block: a property, a flag or a structured member. */
export function startsBlockMember(ctx: BlockContext, word: string): boolean {
  return word in blockProperties[ctx] || (structuredMembers[ctx]?.includes(word) ?? false);
}
