// A Job that creates a Kafka broker's declared topics (partitions, replication, retention),
// idempotently (`--if-not-exists`), once the brokers answer.

import { kafkaTopicCommands } from "../compose/backing-service.js";
import { dnsLabel } from "../common/names.js";
import type { Backing, EmitContext } from "../context.js";
import { backingReplicas } from "./backing-workload.js";
import { DEFAULT_RESOURCES } from "./defaults.js";
import { containerSecurityContext, hardenedPodSpec, scratchVolumes } from "./pod-security.js";
import { type K8sObject, metadata, objectLabels } from "./resource.js";
import { containerResources } from "./resources.js";

export function topicsJobName(b: Backing): string {
  return dnsLabel(`${b.name}-topics`);
}

export function emitTopicsJob(ctx: EmitContext, b: Backing): K8sObject | undefined {
  const cmds = kafkaTopicCommands(ctx.model, b, backingReplicas(ctx.model, b));
  if (!cmds.length) return undefined;
  const name = topicsJobName(b);
  const labels = objectLabels(ctx, name, "topic-init");
  const wait = `until /opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server ${b.host}:${b.kind!.port} >/dev/null 2>&1; do sleep 5; done`;
  const scratch = scratchVolumes(["/tmp"]);
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: metadata(ctx, name, labels),
    spec: {
      backoffLimit: 6,
      template: {
        metadata: { labels },
        spec: {
          ...hardenedPodSpec(b.kind!.uid, b.host),
          restartPolicy: "OnFailure",
          containers: [
            {
              name: "create-topics",
              image: b.image,
              imagePullPolicy: "IfNotPresent",
              command: ["/bin/bash", "-c", [wait, ...cmds].join(" && ")],
              resources: containerResources(undefined, DEFAULT_RESOURCES.app),
              securityContext: containerSecurityContext(),
              volumeMounts: scratch.mounts,
            },
          ],
          volumes: scratch.volumes,
        },
      },
    },
  };
}
