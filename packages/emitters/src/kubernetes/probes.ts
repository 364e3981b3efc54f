// Liveness and readiness probes from `health` and `ready`. A service that declares only one
// uses it for both; one that declares neither gets a TCP (or gRPC) probe on its port, so every
// workload is probed.

import type { Service } from "@archc/compiler";
import { serviceProtocol } from "../context.js";
import { PROBE_TIMING } from "./defaults.js";

function probeAction(svc: Service, path: string | undefined, portName: string, port: number) {
  if (path !== undefined)
    return { httpGet: { path: path.startsWith("/") ? path : `/${path}`, port: portName } };
  if (serviceProtocol(svc) === "grpc") return { grpc: { port } };
  return { tcpSocket: { port: portName } };
}

export function appProbes(
  svc: Service,
  portName: string,
  port: number,
): { livenessProbe: Record<string, unknown>; readinessProbe: Record<string, unknown> } {
  const live = svc.health ?? svc.ready;
  const ready = svc.ready ?? svc.health;
  return {
    livenessProbe: { ...probeAction(svc, live, portName, port), ...PROBE_TIMING.liveness },
    readinessProbe: { ...probeAction(svc, ready, portName, port), ...PROBE_TIMING.readiness },
  };
}

export function execProbes(command: readonly string[]): {
  livenessProbe: Record<string, unknown>;
  readinessProbe: Record<string, unknown>;
} {
  return {
    livenessProbe: { exec: { command: [...command] }, ...PROBE_TIMING.liveness, initialDelaySeconds: 30 },
    readinessProbe: { exec: { command: [...command] }, ...PROBE_TIMING.readiness },
  };
}
