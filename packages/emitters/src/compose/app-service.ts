// One compose service per model service: image, ports, environment (dependency addresses, env
// entries, secret references), depends_on, healthcheck, replicas and resources, hardening.

import type { Service } from "@archc/compiler";
import { dnsLabel } from "../common/names.js";
import { composeBytes } from "../common/units.js";
import { dependencyEnv, type EmitContext, serviceImage, servicePort } from "../context.js";
import { composeLiteral } from "./escape.js";
import { type ComposeHealthcheck, httpHealthcheck } from "./healthcheck.js";
import { keyedByName } from "../common/keyed.js";

export type DependsOn = Record<string, { condition: string }>;

export interface ComposeService {
  image: string;
  [key: string]: unknown;
}

/** The path a healthcheck probes: readiness first (compose starts dependants when ready). */
export function composeHealthPath(svc: Service): string | undefined {
  return svc.ready ?? svc.health;
}

export function composeAppService(
  ctx: EmitContext,
  svc: Service,
  dependsOn: DependsOn,
  hostPort: number | undefined,
): ComposeService {
  const port = servicePort(svc);
  const environment = keyedByName<string>();
  for (const [k, v] of dependencyEnv(ctx, svc, (b) => b.kind?.port ?? b.port)) environment[k] = v;
  // Declared env overrides the generated addresses of the same name.
  for (const e of svc.env) environment[e.key] = composeLiteral(e.value);
  // A secret is a reference: compose reads the value from the shell or a .env file, and
  // refuses to start when it is missing.
  for (const s of svc.secrets) environment[s.name] = `\${${s.name}:?secret ${composeLiteral(s.from)}}`;

  const out: ComposeService = { image: composeLiteral(serviceImage(ctx, svc)) };
  if (Object.keys(environment).length) out.environment = environment;
  if (hostPort !== undefined) {
    // Several replicas cannot share one host port: let Docker pick host ports then.
    const min = svc.replicas?.min ?? 1;
    out.ports = [min > 1 ? `${port}` : `${hostPort}:${port}`];
  } else out.expose = [String(port)];
  if (Object.keys(dependsOn).length) out.depends_on = dependsOn;
  const path = composeHealthPath(svc);
  if (path !== undefined) out.healthcheck = httpHealthcheck(port, path) satisfies ComposeHealthcheck;
  const deploy = composeDeploy(svc);
  if (deploy) out.deploy = deploy;
  // The same hardening the Kubernetes pods get, as far as compose can say it.
  out.read_only = true;
  out.tmpfs = ["/tmp"];
  out.cap_drop = ["ALL"];
  out.security_opt = ["no-new-privileges:true"];
  out.restart = "unless-stopped";
  out.labels = { "org.archc.service": composeLiteral(svc.name) };
  return out;
}

function composeDeploy(svc: Service): Record<string, unknown> | undefined {
  const deploy: Record<string, unknown> = {};
  if (svc.replicas) deploy.replicas = svc.replicas.min;
  const r = svc.resources;
  if (r?.cpu || r?.memory) {
    const limits: Record<string, string> = {};
    const reservations: Record<string, string> = {};
    if (r.cpu) {
      limits.cpus = String(r.cpu.limitMillis / 1000);
      reservations.cpus = String(r.cpu.requestMillis / 1000);
    }
    if (r.memory) {
      limits.memory = composeBytes(r.memory.limitBytes);
      reservations.memory = composeBytes(r.memory.requestBytes);
    }
    deploy.resources = { limits, reservations };
  }
  return Object.keys(deploy).length ? deploy : undefined;
}

export function composeName(name: string): string {
  return dnsLabel(name);
}
