// Stores and brokers as compose services with their official images, a named volume for data,
// and healthchecks. Kafka runs as a single KRaft node, and a one-shot `<broker>-topics` service
// creates the declared topics before anything that publishes or consumes starts.

import type { Model } from "@archc/compiler";
import type { Backing } from "../context.js";
import { composeLiteral } from "./escape.js";
import { execHealthcheck } from "./healthcheck.js";

export function composeBackingService(b: Backing): Record<string, unknown> {
  const kind = b.kind!;
  const out: Record<string, unknown> = { image: composeLiteral(b.image!) };
  // Compose is for local development: authentication off, so there is no password to leak.
  const environment: Record<string, string> = { ...kind.env, ...kind.devAuthEnv };
  // sqlserver cannot run without a password: take it from the shell, like service secrets.
  if (kind.credentialEnv && !Object.keys(kind.devAuthEnv).length)
    environment[kind.credentialEnv] = `\${${kind.credentialEnv}:?password for ${composeLiteral(b.name)}}`;
  if (b.role === "broker" && b.image?.includes("kafka")) Object.assign(environment, kafkaSingleNodeEnv(b));
  if (Object.keys(environment).length) out.environment = environment;
  out.expose = [String(kind.port)];
  if (kind.dataDir) out.volumes = [`${volumeName(b)}:${kind.dataDir}`];
  out.healthcheck = execHealthcheck(kind.healthCommand);
  if (b.role === "broker" && b.image?.includes("nats")) out.command = ["-js", "-sd", "/data", "-m", "8222"];
  out.restart = "unless-stopped";
  out.labels = { "org.archc.role": b.role, [`org.archc.${b.role}`]: composeLiteral(b.name) };
  return out;
}

export function volumeName(b: Backing): string {
  return `${b.host}-data`;
}

function kafkaSingleNodeEnv(b: Backing): Record<string, string> {
  return {
    KAFKA_NODE_ID: "1",
    KAFKA_PROCESS_ROLES: "broker,controller",
    KAFKA_LISTENERS: `PLAINTEXT://:${b.kind!.port},CONTROLLER://:9093`,
    KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${b.host}:${b.kind!.port}`,
    KAFKA_CONTROLLER_LISTENER_NAMES: "CONTROLLER",
    KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
    KAFKA_CONTROLLER_QUORUM_VOTERS: "1@localhost:9093",
    KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: "1",
    KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: "1",
    KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: "1",
    KAFKA_AUTO_CREATE_TOPICS_ENABLE: "false",
    KAFKA_LOG_DIRS: b.kind!.dataDir ?? "/tmp/kafka-logs",
  };
}

/** One `kafka-topics.sh --create` per topic on a Kafka broker (compose has one broker node). */
export function kafkaTopicCommands(model: Model, b: Backing, replicationCap: number): string[] {
  const cmds: string[] = [];
  for (const t of Object.values(model.topics)) {
    if (t.broker !== b.name) continue;
    const args = [
      "/opt/kafka/bin/kafka-topics.sh",
      "--bootstrap-server",
      `${b.host}:${b.kind!.port}`,
      "--create",
      "--if-not-exists",
      "--topic",
      t.name,
      "--partitions",
      String(t.partitions ?? 1),
      "--replication-factor",
      String(Math.min(t.replication ?? 1, replicationCap)),
    ];
    if (t.retentionMs !== undefined) args.push("--config", `retention.ms=${Math.round(t.retentionMs)}`);
    cmds.push(args.map(shellQuote).join(" "));
  }
  return cmds;
}

/** POSIX single quotes: safe for any text. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(s) ? s : `'${s.replaceAll("'", `'"'"'`)}'`;
}
