// The compose target: one compose.yaml (compose-spec, no `version:` and no top-level `name:`,
// which Debian's docker-compose 1.29 rejects) with every service, store and broker.

import type { Service } from "@archc/compiler";
import { toYaml } from "../common/yaml.js";
import { brokersOf, calleesOf, type EmitContext, servicePort, storesOf } from "../context.js";
import { composeAppService, composeHealthPath, composeName, type DependsOn } from "./app-service.js";
import { composeBackingService, kafkaTopicCommands, volumeName } from "./backing-service.js";
import { keyedByName } from "../common/keyed.js";

export const COMPOSE_FILE = "compose.yaml";

export function emitCompose(ctx: EmitContext): Map<string, string> {
  const { model } = ctx;
  const services: Record<string, unknown> = {};
  const volumes: Record<string, Record<string, never>> = {};
  const running = new Map(
    ctx.relations.backings.filter((b) => b.kind).map((b) => [`${b.role}:${b.name}`, b]),
  );
  const topicInit = new Map<string, string>(); // broker name → init service name

  const appServices = Object.values(model.services);
  const order = acyclicDependencies(appServices, (s) => calleesOf(model, s));
  const hostPorts = assignHostPorts(appServices.filter((s) => s.public));

  // Backing services first so the file reads bottom-up: what others depend on comes first.
  for (const b of running.values()) {
    services[b.host] = composeBackingService(b);
    if (b.kind?.dataDir) volumes[volumeName(b)] = {};
    if (b.role === "broker" && b.image?.includes("kafka")) {
      const cmds = kafkaTopicCommands(model, b, 1);
      if (cmds.length) {
        const name = `${b.host}-topics`;
        topicInit.set(b.name, name);
        services[name] = {
          image: b.image,
          depends_on: { [b.host]: { condition: "service_healthy" } },
          entrypoint: ["/bin/sh", "-c"],
          command: [cmds.join(" && ").replaceAll("$", "$$")],
          restart: "no",
          labels: { "org.archc.role": "topic-init", "org.archc.broker": b.name.replaceAll("$", "$$") },
        };
      }
    }
  }

  for (const svc of appServices) {
    const dependsOn: DependsOn = keyedByName();
    for (const callee of order.get(svc.name) ?? []) {
      const target = model.services[callee];
      dependsOn[composeName(callee)] = {
        // service_healthy on a service without a healthcheck would never be satisfied.
        condition: composeHealthPath(target) !== undefined ? "service_healthy" : "service_started",
      };
    }
    for (const store of storesOf(model, svc)) {
      const b = running.get(`store:${store}`);
      if (b) dependsOn[b.host] = { condition: "service_healthy" };
    }
    for (const broker of brokersOf(model, svc)) {
      const b = running.get(`broker:${broker}`);
      if (b) dependsOn[b.host] = { condition: "service_healthy" };
      const init = topicInit.get(broker);
      if (init) dependsOn[init] = { condition: "service_completed_successfully" };
    }
    services[composeName(svc.name)] = composeAppService(ctx, svc, dependsOn, hostPorts.get(svc.name));
  }

  const doc: Record<string, unknown> = { services };
  if (Object.keys(volumes).length) doc.volumes = volumes;
  return new Map([[COMPOSE_FILE, toYaml(doc)]]);
}

/**
 * Keeps each service's dependency edges that do not close a cycle (compose refuses circular
 * depends_on). Edges are taken in declaration order, so the result is deterministic; a
 * sync-cycle is reported by the checker, not here.
 */
function acyclicDependencies(
  services: readonly Service[],
  edgesOf: (s: Service) => string[],
): Map<string, string[]> {
  const kept = new Map<string, string[]>(services.map((s) => [s.name, []]));
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) {
      const n = stack.pop()!;
      if (n === to) return true;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...(kept.get(n) ?? []));
    }
    return false;
  };
  for (const s of services)
    for (const callee of edgesOf(s)) if (!reaches(callee, s.name)) kept.get(s.name)!.push(callee);
  return kept;
}

/** Host ports for public services: their own port, or the next free one on a clash. */
function assignHostPorts(publicServices: readonly Service[]): Map<string, number> {
  const used = new Set<number>();
  const out = new Map<string, number>();
  for (const svc of publicServices) {
    let p = servicePort(svc);
    while (used.has(p)) p++;
    used.add(p);
    out.set(svc.name, p);
  }
  return out;
}
