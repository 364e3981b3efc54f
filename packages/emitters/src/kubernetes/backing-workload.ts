// Stores and brokers run by us become StatefulSets with a PersistentVolumeClaim per pod and a
// headless Service. Kafka runs in KRaft mode with one node per replica (replicas = the largest
// declared replication), each pod taking its node id from its ordinal. Passwords come from the
// Secret `<name>-credentials` (key `password`), which archc references but never creates.

import { createHash } from "node:crypto";
import type { Model } from "@archc/compiler";
import { byteQuantity } from "../common/units.js";
import type { Backing, EmitContext } from "../context.js";
import { DEFAULT_RESOURCES, DEFAULT_STORE_SIZE_BYTES } from "./defaults.js";
import { containerSecurityContext, hardenedPodSpec, scratchVolumes } from "./pod-security.js";
import { execProbes } from "./probes.js";
import { type K8sObject, metadata, objectLabels, selectorLabels } from "./resource.js";
import { containerResources } from "./resources.js";

const KAFKA_CONTROLLER_PORT = 9093;

export function isKafka(b: Backing): boolean {
  return b.role === "broker" && (b.image ?? "").includes("kafka");
}

/** Pods of a backing StatefulSet: Kafka needs as many nodes as its largest replication. */
export function backingReplicas(model: Model, b: Backing): number {
  if (!isKafka(b)) return 1;
  let n = model.brokers[b.name]?.replication ?? 1;
  for (const t of Object.values(model.topics)) if (t.broker === b.name) n = Math.max(n, t.replication ?? 1);
  return n;
}

export function emitBackingService(ctx: EmitContext, b: Backing): K8sObject {
  const ports: Record<string, unknown>[] = [
    { name: "tcp", port: b.port, targetPort: b.kind!.port, protocol: "TCP", appProtocol: "tcp" },
  ];
  if (isKafka(b))
    ports.push({
      name: "tcp-controller",
      port: KAFKA_CONTROLLER_PORT,
      targetPort: KAFKA_CONTROLLER_PORT,
      protocol: "TCP",
      appProtocol: "tcp",
    });
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: metadata(ctx, b.name, objectLabels(ctx, b.name, b.role)),
    spec: {
      clusterIP: "None",
      // Kafka controllers must find each other before any of them is ready.
      publishNotReadyAddresses: isKafka(b),
      selector: selectorLabels(b.name),
      ports,
    },
  };
}

export function emitBackingStatefulSet(ctx: EmitContext, b: Backing): K8sObject {
  const kind = b.kind!;
  const labels = objectLabels(ctx, b.name, b.role);
  const replicas = backingReplicas(ctx.model, b);
  const env: Record<string, unknown>[] = Object.entries(kind.env).map(([name, value]) => ({ name, value }));
  if (kind.credentialEnv)
    env.push({
      name: kind.credentialEnv,
      valueFrom: { secretKeyRef: { name: `${b.host}-credentials`, key: "password" } },
    });
  const container: Record<string, unknown> = {
    name: b.host,
    image: b.image,
    imagePullPolicy: "IfNotPresent",
    ports: [{ name: "tcp", containerPort: kind.port, protocol: "TCP" }],
  };
  if (isKafka(b)) {
    env.push(...kafkaClusterEnv(ctx.model, b, replicas));
    // The node id and advertised address differ per pod: derive them from the pod name.
    container.command = [
      "/bin/bash",
      "-c",
      `export KAFKA_NODE_ID="\${HOSTNAME##*-}"; export KAFKA_ADVERTISED_LISTENERS="PLAINTEXT://\${HOSTNAME}.${b.host}:${kind.port}"; exec /etc/kafka/docker/run`,
    ];
    (container.ports as unknown[]).push({
      name: "tcp-controller",
      containerPort: KAFKA_CONTROLLER_PORT,
      protocol: "TCP",
    });
  }
  if (env.length) container.env = env;
  const scratch = scratchVolumes(kind.scratchDirs);
  Object.assign(container, {
    resources: containerResources(undefined, DEFAULT_RESOURCES.backing),
    ...execProbes(kind.healthCommand),
    securityContext: containerSecurityContext(),
    volumeMounts: [...(kind.dataDir ? [{ name: "data", mountPath: kind.dataDir }] : []), ...scratch.mounts],
  });
  const spec: Record<string, unknown> = {
    serviceName: b.host,
    replicas,
    podManagementPolicy: isKafka(b) ? "Parallel" : "OrderedReady",
    selector: { matchLabels: selectorLabels(b.name) },
    template: {
      metadata: { labels },
      spec: { ...hardenedPodSpec(kind.uid, b.host), containers: [container], volumes: scratch.volumes },
    },
  };
  if (kind.dataDir)
    spec.volumeClaimTemplates = [
      {
        metadata: { name: "data" },
        spec: {
          accessModes: ["ReadWriteOnce"],
          resources: { requests: { storage: byteQuantity(b.sizeBytes ?? DEFAULT_STORE_SIZE_BYTES) } },
        },
      },
    ];
  return { apiVersion: "apps/v1", kind: "StatefulSet", metadata: metadata(ctx, b.name, labels), spec };
}

function kafkaClusterEnv(model: Model, b: Backing, replicas: number): Record<string, string>[] {
  const voters = Array.from(
    { length: replicas },
    (_, i) => `${i}@${b.host}-${i}.${b.host}:${KAFKA_CONTROLLER_PORT}`,
  ).join(",");
  const rf = String(Math.min(3, replicas));
  const vars: Record<string, string> = {
    // One stable cluster id per system and broker, so re-emitting never changes it.
    CLUSTER_ID: createHash("sha256")
      .update(`${model.system.name}/${b.name}`)
      .digest("base64url")
      .slice(0, 22),
    KAFKA_PROCESS_ROLES: "broker,controller",
    KAFKA_LISTENERS: `PLAINTEXT://:${b.kind!.port},CONTROLLER://:${KAFKA_CONTROLLER_PORT}`,
    KAFKA_CONTROLLER_LISTENER_NAMES: "CONTROLLER",
    KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
    KAFKA_CONTROLLER_QUORUM_VOTERS: voters,
    KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: rf,
    KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: rf,
    KAFKA_AUTO_CREATE_TOPICS_ENABLE: "false",
    KAFKA_LOG_DIRS: `${b.kind!.dataDir}/logs`,
  };
  return Object.entries(vars).map(([name, value]) => ({ name, value }));
}
