// What archc knows about each store and broker kind: the official image, the port, where data
// lives, which user the image runs as, how to check it is healthy, and the environment a local
// (development) instance needs. Cloud-only kinds (s3, dynamodb, pubsub, sqs) have no container:
// they are always treated as external.

export interface BackingKind {
  /** The official image for a version (`undefined` → the default version). */
  readonly image: (version: string | undefined) => string;
  readonly port: number;
  /** Mount point of the data volume, absent for in-memory kinds. */
  readonly dataDir?: string;
  /** The numeric user the official image can run as (for runAsNonRoot). */
  readonly uid: number;
  /** Writable paths besides the data dir the process needs (readOnlyRootFilesystem). */
  readonly scratchDirs: readonly string[];
  /** Exec-form health check, run inside the container. */
  readonly healthCommand: readonly string[];
  /** Environment every instance needs (data paths, licence acceptance, single-node mode). */
  readonly env: Readonly<Record<string, string>>;
  /** Development-only settings that switch authentication off (compose only). */
  readonly devAuthEnv: Readonly<Record<string, string>>;
  /** The variable that takes the admin password; Kubernetes fills it from `<name>-credentials`. */
  readonly credentialEnv?: string;
  /** URL scheme clients use, when the kind has one. */
  readonly scheme?: string;
}

const tagged = (repo: string, fallback: string) => (version: string | undefined) =>
  `${repo}:${version ?? fallback}`;

export const storeKinds: Readonly<Record<string, BackingKind>> = {
  postgres: {
    image: tagged("postgres", "16"),
    port: 5432,
    dataDir: "/var/lib/postgresql/data",
    uid: 999,
    scratchDirs: ["/var/run/postgresql", "/tmp"],
    healthCommand: ["pg_isready", "-U", "postgres"],
    env: { PGDATA: "/var/lib/postgresql/data/pgdata" },
    devAuthEnv: { POSTGRES_HOST_AUTH_METHOD: "trust" },
    credentialEnv: "POSTGRES_PASSWORD",
    scheme: "postgresql",
  },
  mysql: {
    image: tagged("mysql", "8.4"),
    port: 3306,
    dataDir: "/var/lib/mysql",
    uid: 999,
    scratchDirs: ["/var/run/mysqld", "/tmp"],
    healthCommand: ["mysqladmin", "ping", "-h", "127.0.0.1"],
    env: {},
    devAuthEnv: { MYSQL_ALLOW_EMPTY_PASSWORD: "yes" },
    credentialEnv: "MYSQL_ROOT_PASSWORD",
    scheme: "mysql",
  },
  mariadb: {
    image: tagged("mariadb", "11.4"),
    port: 3306,
    dataDir: "/var/lib/mysql",
    uid: 999,
    scratchDirs: ["/run/mysqld", "/tmp"],
    healthCommand: ["healthcheck.sh", "--connect", "--innodb_initialized"],
    env: {},
    devAuthEnv: { MARIADB_ALLOW_EMPTY_ROOT_PASSWORD: "1" },
    credentialEnv: "MARIADB_ROOT_PASSWORD",
    scheme: "mysql",
  },
  sqlserver: {
    image: (v) => `mcr.microsoft.com/mssql/server:${v ?? "2022-latest"}`,
    port: 1433,
    dataDir: "/var/opt/mssql",
    uid: 10001,
    scratchDirs: ["/tmp"],
    healthCommand: ["/opt/mssql/bin/sqlservr", "--version"],
    env: { ACCEPT_EULA: "Y" },
    devAuthEnv: {},
    credentialEnv: "MSSQL_SA_PASSWORD",
    scheme: "sqlserver",
  },
  mongodb: {
    image: tagged("mongo", "7.0"),
    port: 27017,
    dataDir: "/data/db",
    uid: 999,
    scratchDirs: ["/tmp"],
    healthCommand: ["mongosh", "--quiet", "--eval", "db.adminCommand('ping').ok"],
    env: {},
    devAuthEnv: {},
    scheme: "mongodb",
  },
  redis: {
    image: tagged("redis", "7.4"),
    port: 6379,
    dataDir: "/data",
    uid: 999,
    scratchDirs: ["/tmp"],
    healthCommand: ["redis-cli", "ping"],
    env: {},
    devAuthEnv: {},
    scheme: "redis",
  },
  memcached: {
    image: tagged("memcached", "1.6"),
    port: 11211,
    uid: 11211,
    scratchDirs: ["/tmp"],
    // The image has no client tools; bash's /dev/tcp proves the port accepts connections.
    healthCommand: ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/11211"],
    env: {},
    devAuthEnv: {},
  },
  cassandra: {
    image: tagged("cassandra", "4.1"),
    port: 9042,
    dataDir: "/var/lib/cassandra",
    uid: 999,
    scratchDirs: ["/tmp", "/etc/cassandra"],
    healthCommand: ["cqlsh", "-e", "describe keyspaces"],
    env: {},
    devAuthEnv: {},
  },
  elasticsearch: {
    image: (v) => `docker.elastic.co/elasticsearch/elasticsearch:${v ?? "8.15.3"}`,
    port: 9200,
    dataDir: "/usr/share/elasticsearch/data",
    uid: 1000,
    scratchDirs: ["/tmp", "/usr/share/elasticsearch/logs"],
    healthCommand: ["curl", "-fs", "http://127.0.0.1:9200/_cluster/health"],
    env: { "discovery.type": "single-node" },
    devAuthEnv: { "xpack.security.enabled": "false" },
    credentialEnv: "ELASTIC_PASSWORD",
    scheme: "http",
  },
};

export const brokerKinds: Readonly<Record<string, BackingKind>> = {
  kafka: {
    image: tagged("apache/kafka", "3.8.1"),
    port: 9092,
    dataDir: "/var/lib/kafka/data",
    uid: 1000,
    scratchDirs: ["/tmp", "/opt/kafka/config", "/mnt/shared/config"],
    healthCommand: ["/opt/kafka/bin/kafka-broker-api-versions.sh", "--bootstrap-server", "127.0.0.1:9092"],
    env: {},
    devAuthEnv: {},
  },
  rabbitmq: {
    image: tagged("rabbitmq", "3.13-management"),
    port: 5672,
    dataDir: "/var/lib/rabbitmq",
    uid: 999,
    scratchDirs: ["/tmp"],
    healthCommand: ["rabbitmq-diagnostics", "-q", "ping"],
    env: {},
    devAuthEnv: {},
    scheme: "amqp",
  },
  nats: {
    image: tagged("nats", "2.10-alpine"),
    port: 4222,
    dataDir: "/data",
    uid: 1000,
    scratchDirs: ["/tmp"],
    healthCommand: ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8222/healthz"],
    env: {},
    devAuthEnv: {},
    scheme: "nats",
  },
};

/** The catalogue entry, or undefined for cloud-only or unknown kinds (treated as external). */
export function storeKind(kind: string): BackingKind | undefined {
  return Object.hasOwn(storeKinds, kind) ? storeKinds[kind] : undefined;
}

export function brokerKind(kind: string): BackingKind | undefined {
  return Object.hasOwn(brokerKinds, kind) ? brokerKinds[kind] : undefined;
}
