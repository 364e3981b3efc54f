// The criteria of the seven maturity levels (RULES.md "Maturity", after the microservices
// meta-framework), each a checkable fact of the Model. A criterion lists its gaps: the exact
// declarations that are missing or wrong, with where to add or change them. docs/levels.md is
// the same list in prose.

import type { Model } from "@archc/compiler";
import type { Diagnostic, Span } from "@archc/dsl";
import { opLabel } from "../op-label.js";

export interface Gap {
  readonly message: string;
  readonly span?: Span;
}

export interface CriterionContext {
  readonly model: Model;
  /** The checker's findings on the model (rules and compiler), to reuse what the rules decide. */
  readonly findings: readonly Diagnostic[];
  /** Whether the saga model checker ran (level 7's fault exploration needs it). */
  readonly modelChecked: boolean;
}

export interface Criterion {
  /** "4.1": level, then position. */
  readonly id: string;
  readonly level: number;
  readonly text: string;
  gaps(ctx: CriterionContext): Gap[];
}

export interface Level {
  readonly level: number;
  readonly name: string;
}

export const LEVELS: readonly Level[] = [
  { level: 1, name: "monolith" },
  { level: 2, name: "service separation" },
  { level: 3, name: "communicating microservices with own stores" },
  { level: 4, name: "discovery and resilient calls" },
  { level: 5, name: "event-driven with sagas" },
  { level: 6, name: "service mesh with tracing and mTLS" },
  { level: 7, name: "self-healing: autoscaling, health, fault-explored" },
];

const services = (m: Model) => Object.values(m.services);
const calls = (m: Model) => services(m).flatMap((s) => s.calls.filter((c) => c.op !== undefined));
const callText = (m: Model, c: { from: string; op?: string; toService: string }) =>
  `calls ${c.from} -> ${c.op ? opLabel(m, c.op) : c.toService}`;

/** Gaps from the findings of one rule: each finding is a gap. */
function findingsOf(ctx: CriterionContext, rule: string): Gap[] {
  return ctx.findings
    .filter((d) => d.code === rule)
    .map((d) => ({ message: `${rule}: ${d.message}`, span: d.span }));
}

export const CRITERIA: readonly Criterion[] = [
  {
    id: "1.1",
    level: 1,
    text: "the model declares a service with an API",
    gaps: ({ model }) =>
      services(model).some((s) => s.apis.some((a) => a.ops.length > 0))
        ? []
        : [{ message: "no service declares an `api` with an op" }],
  },
  {
    id: "2.1",
    level: 2,
    text: "the system is split into two or more services",
    gaps: ({ model }) =>
      services(model).length >= 2
        ? []
        : [
            {
              message: `only ${services(model).length} service declared; split the system by business capability`,
            },
          ],
  },
  {
    id: "2.2",
    level: 2,
    text: "no service bundles too many responsibilities (no mega-service)",
    gaps: (ctx) => findingsOf(ctx, "mega-service"),
  },
  {
    id: "2.3",
    level: 2,
    text: "every service is built and deployed on its own: it declares an `image`",
    gaps: ({ model }) =>
      services(model)
        .filter((s) => s.image === undefined)
        .map((s) => ({ message: `service ${s.name} has no \`image\``, span: s.nameSpan })),
  },
  {
    id: "3.1",
    level: 3,
    text: "services communicate through declared calls or events",
    gaps: ({ model }) =>
      calls(model).length > 0 || services(model).some((s) => s.publishes.length > 0)
        ? []
        : [{ message: "no service declares `calls` or `publishes`" }],
  },
  {
    id: "3.2",
    level: 3,
    text: "every store is written by exactly one service (no shared-store)",
    gaps: (ctx) => [
      ...findingsOf(ctx, "shared-store"),
      ...Object.values(ctx.model.stores)
        .filter((st) => !(ctx.model.index.storeUsers[st.name] ?? []).some((u) => u.mode !== "read"))
        .map((st) => ({
          message: `store ${st.name} has no owner: no service \`uses\` it to write`,
          span: st.nameSpan,
        })),
    ],
  },
  {
    id: "3.3",
    level: 3,
    text: "no service reads another service's store (no foreign-store-read)",
    gaps: (ctx) => findingsOf(ctx, "foreign-store-read"),
  },
  {
    id: "3.4",
    level: 3,
    text: "no synchronous call cycle (no sync-cycle)",
    gaps: (ctx) => findingsOf(ctx, "sync-cycle"),
  },
  {
    id: "4.1",
    level: 4,
    text: "every `calls` edge has a `timeout`",
    gaps: ({ model }) =>
      calls(model)
        .filter((c) => c.policy.timeoutMs === undefined)
        .map((c) => ({ message: `${callText(model, c)} has no timeout`, span: c.targetSpan })),
  },
  {
    id: "4.2",
    level: 4,
    text: "every `calls` edge has a circuit `breaker`",
    gaps: ({ model }) =>
      calls(model)
        .filter((c) => c.policy.breaker === undefined)
        .map((c) => ({ message: `${callText(model, c)} has no breaker`, span: c.targetSpan })),
  },
  {
    id: "4.3",
    level: 4,
    text: "retries are safe and bounded (no unsafe-retry, no retry-amplification)",
    gaps: (ctx) => [...findingsOf(ctx, "unsafe-retry"), ...findingsOf(ctx, "retry-amplification")],
  },
  {
    id: "4.4",
    level: 4,
    text: "services are discoverable: a `deploy` target, and a `port` on every service others call",
    gaps: ({ model }) => {
      const out: Gap[] = [];
      if (!Object.values(model.deployments).some((d) => d.target !== undefined))
        out.push({
          message: "no `deploy` block with a `target` (kubernetes or compose provide discovery by name)",
        });
      for (const s of services(model))
        if (s.port === undefined && (model.index.callers[s.name] ?? []).length > 0)
          out.push({ message: `service ${s.name} is called but declares no \`port\``, span: s.nameSpan });
      return out;
    },
  },
  {
    id: "4.5",
    level: 4,
    text: "public services are reached through a gateway (no gateway-bypass)",
    gaps: (ctx) => findingsOf(ctx, "gateway-bypass"),
  },
  {
    id: "5.1",
    level: 5,
    text: "services publish and consume events, every one wired (no unproduced-event, no orphan-event)",
    gaps: (ctx) => {
      const m = ctx.model;
      const wired = Object.keys(m.events).some(
        (e) => (m.index.producers[e] ?? []).length > 0 && (m.index.consumers[e] ?? []).length > 0,
      );
      return [
        ...(wired ? [] : [{ message: "no event is both published and consumed" }]),
        ...findingsOf(ctx, "unproduced-event"),
        ...findingsOf(ctx, "orphan-event"),
      ];
    },
  },
  {
    id: "5.2",
    level: 5,
    text: "every event travels on a topic of a declared broker",
    gaps: ({ model }) =>
      Object.values(model.events).flatMap((e) => {
        if (e.topic === undefined)
          return [{ message: `event ${e.name} names no topic (\`on TOPIC\`)`, span: e.nameSpan }];
        const t = model.topics[e.topic];
        if (t !== undefined && t.broker === undefined)
          return [{ message: `topic ${t.name} is on no broker (\`on BROKER\`)`, span: t.nameSpan }];
        return [];
      }),
  },
  {
    id: "5.3",
    level: 5,
    text: "event handlers are idempotent (delivery is at least once)",
    gaps: ({ model }) =>
      services(model).flatMap((s) =>
        s.consumes.flatMap((c) => {
          const op = c.handler ? model.ops[c.handler] : undefined;
          if (op === undefined)
            return [
              { message: `${s.name} consumes ${c.event} with no handler op (\`-> op\`)`, span: c.span },
            ];
          return op.idempotent || op.readonly
            ? []
            : [
                {
                  message: `handler ${opLabel(model, op.id)} of ${c.event} is not \`idempotent\``,
                  span: op.nameSpan,
                },
              ];
        }),
      ),
  },
  {
    id: "5.4",
    level: 5,
    text: "a multi-service change is a saga, and every saga is well formed (no saga-* structure finding)",
    gaps: (ctx) => [
      ...(Object.keys(ctx.model.sagas).length > 0 ? [] : [{ message: "no `saga` declared" }]),
      ...findingsOf(ctx, "saga-missing-compensation"),
      ...findingsOf(ctx, "saga-retriable-not-idempotent"),
      ...findingsOf(ctx, "saga-compensation-not-idempotent"),
      ...findingsOf(ctx, "saga-ambiguous-timeout"),
    ],
  },
  {
    id: "6.1",
    level: 6,
    text: "a deployment runs a service mesh (`mesh istio`)",
    gaps: ({ model }) =>
      Object.values(model.deployments).some((d) => d.mesh !== undefined && d.mesh.kind !== "none")
        ? []
        : [{ message: "no `deploy` block declares `mesh istio`" }],
  },
  {
    id: "6.2",
    level: 6,
    text: "the mesh enforces mutual TLS (`mtls strict`)",
    gaps: ({ model }) =>
      Object.values(model.deployments).some((d) => d.mesh?.mtls === "strict")
        ? []
        : [{ message: "no mesh declares `mtls strict`" }],
  },
  {
    id: "6.3",
    level: 6,
    text: "requests are traced (`tracing otlp`, `jaeger` or `zipkin`)",
    gaps: ({ model }) =>
      Object.values(model.deployments).some((d) => d.tracing !== undefined)
        ? []
        : [{ message: "no `deploy` block declares `tracing`" }],
  },
  {
    id: "7.1",
    level: 7,
    text: "every service autoscales: `replicas MIN..MAX` with MIN ≥ 2 and MAX > MIN",
    gaps: ({ model }) =>
      services(model).flatMap((s) => {
        const r = s.replicas;
        if (r === undefined)
          return [{ message: `service ${s.name} declares no \`replicas\``, span: s.nameSpan }];
        if (r.min < 2 || r.max <= r.min)
          return [
            {
              message: `service ${s.name} has replicas ${r.min}..${r.max}; needs at least 2..3`,
              span: s.nameSpan,
            },
          ];
        return [];
      }),
  },
  {
    id: "7.2",
    level: 7,
    text: "every service declares `health` and `ready` probes",
    gaps: ({ model }) =>
      services(model).flatMap((s) => [
        ...(s.health === undefined
          ? [{ message: `service ${s.name} declares no \`health\``, span: s.nameSpan }]
          : []),
        ...(s.ready === undefined
          ? [{ message: `service ${s.name} declares no \`ready\``, span: s.nameSpan }]
          : []),
      ]),
  },
  {
    id: "7.3",
    level: 7,
    text: "every service declares CPU and memory `resources` (what autoscaling and scheduling need)",
    gaps: ({ model }) =>
      services(model)
        .filter((s) => s.resources?.cpu === undefined || s.resources?.memory === undefined)
        .map((s) => ({
          message: `service ${s.name} declares no cpu and memory \`resources\``,
          span: s.nameSpan,
        })),
  },
  {
    id: "7.4",
    level: 7,
    text: "failures were explored: the saga model checker ran and found nothing (saga-stuck, saga-partial-commit, saga-isolation, saga-duplicate-effect)",
    gaps: (ctx) => [
      ...(ctx.modelChecked ? [] : [{ message: "the saga model checker did not run" }]),
      ...["saga-stuck", "saga-partial-commit", "saga-isolation", "saga-duplicate-effect"].flatMap((r) =>
        findingsOf(ctx, r),
      ),
    ],
  },
];
