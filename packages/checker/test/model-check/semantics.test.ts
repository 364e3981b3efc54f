// The rules of docs/model-checking.md, one at a time, checked over every reachable state of small
// sagas: which failures each kind of call can suffer, how retries are bounded, when a crash can
// happen, and that the orchestrator compensates in reverse order, only what committed or is
// unknown, never after the pivot.

import { describe, expect, it } from "vitest";
import { describeAction, type StateVars } from "../../src/model-check/describe.js";
import { planSaga } from "../../src/model-check/plan.js";
import { SagaSpace } from "../../src/model-check/saga-space.js";
import { buildModel, type ModelSpec } from "./fixtures/build-model.js";

interface Edge {
  from: StateVars;
  action: string;
  to: StateVars;
  violation: number;
}

/** Every transition of the plain product, from every reachable state. */
function transitions(spec: ModelSpec, instances = 1, maxCrashes = 1): Edge[] {
  const model = buildModel(spec);
  const planned = planSaga(model, Object.values(model.sagas)[0]);
  if (!planned.ok) throw new Error(planned.reason);
  const space = new SagaSpace(planned.plan, instances, maxCrashes, false);
  const seen = new Set<string>();
  const queue = [space.initialState()];
  const edges: Edge[] = [];
  seen.add(queue[0].join());
  for (let q = 0; q < queue.length; q++) {
    const from = space.vars(queue[q]);
    for (const s of space.successors(queue[q])) {
      edges.push({
        from,
        action: describeAction(planned.plan, s.action),
        to: space.vars(s.state),
        violation: s.violation,
      });
      if (s.violation === 0 && !seen.has(s.state.join())) {
        seen.add(s.state.join());
        queue.push(s.state);
      }
    }
  }
  return edges;
}

type Inst = { phase: string; steps: Record<string, { call: string; effect?: string; attempt?: number }> };
const i1 = (v: StateVars) => v.i1 as Inst;

/** A saga `s` by `o`: one step per entry, the op `svc.op` with its flags; the rest is boilerplate. */
function saga(
  steps: {
    name: string;
    svc: string;
    op?: object;
    comp?: object;
    kind?: "pivot" | "retriable";
    group?: number;
  }[],
  extra: Partial<ModelSpec["services"]> = {},
  by: string | null = "o",
  retries = 0,
): ModelSpec {
  const services: ModelSpec["services"] = { o: { ops: {}, calls: [] } };
  for (const st of steps) {
    services[st.svc] ??= { ops: {}, calls: [] };
    services[st.svc].ops![st.name] = { idempotent: true, ...st.op };
    if (st.comp)
      services[st.svc].ops![`undo-${st.name}`] = { idempotent: true, toleratesAbsent: true, ...st.comp };
    if (st.svc !== "o") {
      services.o.calls!.push([`${st.svc}.${st.name}`, { retries }]);
      if (st.comp) services.o.calls!.push([`${st.svc}.undo-${st.name}`, { retries }]);
    }
  }
  Object.assign(services, extra);
  return {
    services,
    sagas: {
      s: {
        by: by ?? undefined,
        steps: steps.map((st) => ({
          name: st.name,
          op: `${st.svc}.${st.name}`,
          compensate: st.comp ? `${st.svc}.undo-${st.name}` : undefined,
          kind: st.kind,
          group: st.group,
        })),
      },
    },
  };
}

const actionsOf = (edges: Edge[]) => new Set(edges.map((e) => e.action));

describe("which failures a call can suffer", () => {
  it("a local step never times out; it succeeds or fails with a declared error", () => {
    const acts = actionsOf(transitions(saga([{ name: "a", svc: "o", op: { errors: ["No"] } }])));
    expect(acts).toContain("i1 a: o.a succeeds");
    expect(acts).toContain("i1 a: o.a fails with No");
    expect([...acts].some((a) => a.includes("times out"))).toBe(false);
    expect(acts).not.toContain("the orchestrator crashes");
  });

  it("a remote step can time out either way, and only a declared error is offered", () => {
    const acts = actionsOf(transitions(saga([{ name: "a", svc: "p" }])));
    expect(acts).toContain("i1 a: p.a times out after it committed");
    expect(acts).toContain("i1 a: p.a times out before it took effect");
    expect([...acts].some((a) => a.includes("fails with"))).toBe(false);
    expect(acts).toContain("the orchestrator crashes");
  });

  it("a business error is possible only while no attempt has taken effect", () => {
    const edges = transitions(saga([{ name: "a", svc: "p", op: { errors: ["No"] } }], {}, "o", 1));
    for (const e of edges.filter((e) => e.action === "i1 a: p.a fails with No"))
      expect(i1(e.from).steps.a.effect).toBe("none");
  });

  it("retries are bounded by the call policy: attempts never exceed 1 + retries", () => {
    const edges = transitions(saga([{ name: "a", svc: "p", comp: {} }], {}, "o", 2));
    const attempts = edges.map((e) => i1(e.to).steps.a.attempt ?? 1);
    expect(Math.max(...attempts)).toBe(3);
    // With the attempts used up, a timeout leaves the outcome unknown and the saga compensates.
    const last = edges.find(
      (e) => i1(e.from).steps.a.attempt === 3 && e.action.includes("before it took effect"),
    )!;
    expect(i1(last.to).phase).toBe("compensating");
  });

  it("a message-driven step does not time out; it can be delivered twice only if not idempotent", () => {
    const consumer = (idempotent: boolean) =>
      saga([{ name: "a", svc: "p", op: { idempotent } }], {
        p: { ops: { a: { idempotent } }, consumes: [["E", "a"]] },
      });
    const dup = actionsOf(transitions(consumer(false)));
    expect([...dup].some((a) => a.includes("times out"))).toBe(false);
    expect(dup).toContain("i1 a: the message for p.a is delivered again");
    expect(actionsOf(transitions(consumer(true)))).not.toContain(
      "i1 a: the message for p.a is delivered again",
    );
  });

  it("a choreography has no orchestrator to crash", () => {
    const acts = actionsOf(transitions(saga([{ name: "a", svc: "p" }], {}, null)));
    expect(acts).not.toContain("the orchestrator crashes");
  });

  it("the orchestrator crashes at most maxCrashes times, and only with a remote call in flight", () => {
    // One retry: after the first restart the call is re-sent, so a second crash can find it in flight.
    const edges = transitions(
      saga(
        [
          { name: "a", svc: "p" },
          { name: "b", svc: "o" },
        ],
        {},
        "o",
        1,
      ),
      1,
      2,
    );
    const crashes = edges.filter((e) => e.action === "the orchestrator crashes");
    for (const e of crashes) {
      expect(i1(e.from).steps.a.call).toBe("in flight");
      expect((e.to.orchestrator as { crashes: number }).crashes).toBeLessThanOrEqual(2);
    }
    expect(Math.max(...crashes.map((e) => (e.to.orchestrator as { crashes: number }).crashes))).toBe(2);
    // While it is down the orchestrator does nothing; a participant may still commit.
    for (const e of edges.filter((e) => !(e.from.orchestrator as { up: boolean }).up))
      expect(e.action).toMatch(/restarts|while the orchestrator is down/);
  });
});

describe("how the orchestrator recovers", () => {
  const threeStages = saga([
    { name: "a", svc: "p", comp: {} },
    { name: "b", svc: "q", comp: {}, group: 0 },
    { name: "c", svc: "r", comp: {}, group: 0 },
    { name: "d", svc: "o", op: { errors: ["No"] }, kind: "pivot" },
    { name: "e", svc: "t", kind: "retriable" },
  ]);
  const edges = transitions(threeStages);

  it("compensates in reverse order: nothing of stage 1 is undone while stage 2 still stands", () => {
    for (const e of edges) {
      const s = i1(e.to).steps;
      if (s.a.call === "compensating" || s.a.call === "compensated") {
        for (const later of ["b", "c"]) expect(["done", "compensating"]).not.toContain(s[later].call);
      }
    }
  });

  it("compensates a parallel group together and waits for it to settle before turning back", () => {
    for (const e of edges) {
      const s = i1(e.to).steps;
      if (i1(e.to).phase === "compensating") expect([s.b.call, s.c.call]).not.toContain("in flight");
    }
  });

  it("compensates only what committed or is unknown, never the step that failed", () => {
    for (const e of edges.filter((e) => e.action.includes("compensation") && e.action.endsWith("succeeds"))) {
      const step = /i1 (\w+):/.exec(e.action)![1];
      expect(["unknown (timed out)", "compensating"]).toContain(i1(e.from).steps[step].call);
    }
    const failedThenCompensated = edges.some(
      (e) => i1(e.from).steps.d.call === "business error" && i1(e.to).steps.d.call.startsWith("compens"),
    );
    expect(failedThenCompensated).toBe(false);
  });

  it("never compensates after the pivot committed, and retries forward instead", () => {
    for (const e of edges.filter((e) => i1(e.from).steps.d.call === "done"))
      expect(e.action).not.toContain("compensation");
    expect(actionsOf(edges)).toContain("i1 e: t.e succeeds");
  });

  it("ends completed or compensated, with the effects to match", () => {
    const ends = edges
      .map((e) => i1(e.to))
      .filter((v) => v.phase === "completed" || v.phase === "compensated");
    expect(new Set(ends.map((v) => v.phase))).toEqual(new Set(["completed", "compensated"]));
    for (const v of ends) {
      for (const [name, st] of Object.entries(v.steps)) {
        if (st.effect === undefined) continue;
        if (v.phase === "completed") expect(st.effect, name).toBe("applied");
        else expect(["none", "undone"], name).toContain(st.effect);
      }
    }
  });
});
