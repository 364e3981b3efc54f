// Each law of the kit against a small saga over a counter world: a correct implementation
// passes; each kind of bug is caught by its own law, by name. The commutation law must find a
// lost update that only concurrent compensations show (fc.scheduler), and the runner law a
// runner that forgets, across a crash, what it already compensated.

import { compileText } from "@archc/compiler";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assertSagaLaws,
  BusinessError,
  type RunnerContext,
  type SagaImplementation,
  SagaLawError,
  type SagaRunner,
  sagaLaws,
} from "../../src/laws/index.js";

// Two counters reserved in parallel, then a pivot that can refuse.
const source = `
type Req { n: int }
type Held { n: int }
type No { why: string }
service s {
  api v1 {
    op a: Req -> Held  idempotent
    op undo-a: Held -> unit  idempotent tolerates-absent
    op b: Req -> Held  idempotent
    op undo-b: Held -> unit  idempotent tolerates-absent
    op go: Req -> Req ! No  idempotent
  }
}
saga pair(Req) by s {
  parallel {
    step a: s.a  compensate s.undo-a
    step b: s.b  compensate s.undo-b
  }
  pivot go: s.go
}
`;
const model = compileText(source, "pair.arch").model;

interface World {
  total: number;
  held: Record<string, number>;
  open: boolean;
}
type Req = { n: number; id: string };

const hold = (key: string) => ({
  run(w: World, x: unknown) {
    const r = x as Req;
    const k = `${key}-${r.id}`;
    if (w.held[k] === undefined) {
      w.held[k] = r.n;
      w.total += r.n;
    }
    return { n: r.n, k };
  },
  async compensate(w: World, out: unknown, io: { pause(): Promise<void> }) {
    const { k } = out as { k: string };
    const n = w.held[k];
    if (n === undefined) return;
    delete w.held[k];
    const total = w.total;
    await io.pause();
    w.total = total - n;
  },
});

const good: SagaImplementation<World> = {
  a: hold("a"),
  b: hold("b"),
  go: {
    run(w, x) {
      if (!w.open) throw new BusinessError("No");
      return x;
    },
  },
};

const options = {
  obs: (w: World) => w,
  state: fc.record({ total: fc.constant(0), held: fc.constant({}), open: fc.boolean() }),
  input: fc.record({ n: fc.integer({ min: 1, max: 9 }), id: fc.constantFrom("x", "y") }),
};

async function lawFailing(impl: SagaImplementation<World>, opts = options): Promise<SagaLawError> {
  try {
    await assertSagaLaws(model, "pair", impl, opts, { numRuns: 100, seed: 5 });
  } catch (e) {
    if (e instanceof SagaLawError) return e;
    throw e;
  }
  throw new Error("no law failed");
}

describe("the saga laws", () => {
  it("apply per compensation, per idempotent step and per parallel pair", () => {
    expect(sagaLaws(model, "pair", good, options).map((l) => l.kind)).toEqual([
      "semantic-undo",
      "semantic-undo",
      "tolerates-absent",
      "tolerates-absent",
      "compensation-idempotence",
      "compensation-idempotence",
      "run-idempotence",
      "run-idempotence",
      "run-idempotence",
      "commutation",
    ]);
  });

  it("hold for a correct implementation, except commutation under concurrency", async () => {
    // The compensations read the total, pause, then write it: fine one after the other...
    await assertSagaLaws(model, "pair", good, options, {
      numRuns: 100,
      seed: 5,
      only: ["semantic-undo", "tolerates-absent", "compensation-idempotence", "run-idempotence"],
    });
    // ...but two of them interleaved by fc.scheduler lose an update.
    const err = await lawFailing(good);
    expect(err.law).toBe("commutation of the compensations of a and b (s.undo-a, s.undo-b)");
    expect(err.report).toContain("run concurrently");
  });

  it("commutation holds when the compensations write atomically", async () => {
    const atomic = (key: string) => ({
      ...hold(key),
      async compensate(w: World, out: unknown, io: { pause(): Promise<void> }) {
        const { k } = out as { k: string };
        await io.pause();
        const n = w.held[k];
        if (n === undefined) return;
        delete w.held[k];
        w.total -= n;
      },
    });
    await assertSagaLaws(model, "pair", { ...good, a: atomic("a"), b: atomic("b") }, options, {
      numRuns: 100,
      seed: 5,
    });
  });

  it("semantic undo catches a compensation that does not restore the state", async () => {
    // Forgets to give the amount back: every other law still holds.
    const leaky = {
      ...good,
      a: {
        ...hold("a"),
        compensate: (w: World, out: unknown) => void delete w.held[(out as { k: string }).k],
      },
    };
    const err = await lawFailing(leaky);
    expect(err.law).toBe("semantic undo of step a (s.undo-a after s.a)");
  });

  it("tolerates-absent catches a compensation that undoes what never happened", async () => {
    // Right when the step ran; when it did not, it still takes the amount off the total.
    const blind = {
      ...good,
      b: {
        ...hold("b"),
        compensate(w: World, out: unknown) {
          const { n, k } = out as { n: number; k: string };
          if (w.held[k] === undefined && w.total === 0) return;
          delete w.held[k];
          w.total -= n;
        },
      },
    };
    const err = await lawFailing(blind);
    expect(err.law).toBe("tolerates absent effect of step b (s.undo-b)");
    expect(err.report).toContain("which never happened");
  });

  it("run idempotence catches a step that applies twice", async () => {
    // Adds on every call; its compensation gives back whatever is held, so undo still holds.
    const twice = {
      ...good,
      a: {
        ...hold("a"),
        run(w: World, x: unknown) {
          const r = x as Req;
          const k = `a-${r.id}`;
          w.held[k] = (w.held[k] ?? 0) + r.n;
          w.total += r.n;
          return { n: r.n, k };
        },
      },
    };
    const err = await lawFailing(twice);
    expect(err.law).toBe("run idempotence of step a (s.a)");
  });

  it("reports the seed and path that replay the failure", async () => {
    const err = await lawFailing(good);
    const again = await lawFailing(good);
    expect(again.seed).toBe(err.seed);
    expect(again.path).toBe(err.path);
    expect(err.message).toContain(`seed: ${err.seed}`);
  });

  it("rejects an implementation that lacks a step or a compensation", () => {
    expect(() =>
      sagaLaws(model, "pair", { a: good.a, b: good.b } as SagaImplementation<World>, options),
    ).toThrow(/no run for step go/);
    expect(() => sagaLaws(model, "pair", { ...good, b: { run: good.b.run } }, options)).toThrow(
      /no compensate/,
    );
  });
});

/** A runner over the pair saga: `durable` false keeps what it compensated in memory only. */
class PairRunner implements SagaRunner<World> {
  private compensatedInMemory = new Set<string>();
  constructor(private readonly durable: boolean) {}
  async tick(ctx: RunnerContext<World>): Promise<"running" | "done"> {
    const entries = ctx.log.entries as { t: string; s: string; o?: unknown }[];
    const done = new Map(entries.filter((e) => e.t === "done").map((e) => [e.s, e.o]));
    const failed = entries.some((e) => e.t === "failed");
    const undone = new Set([
      ...entries.filter((e) => e.t === "undone").map((e) => e.s),
      ...this.compensatedInMemory,
    ]);
    if (failed) {
      const owed = ["b", "a"].find((s) => done.has(s) && !undone.has(s));
      if (!owed) return "done";
      await ctx.steps[owed].compensate!(ctx.state, done.get(owed), ctx.io);
      if (this.durable) ctx.log.append({ t: "undone", s: owed });
      else this.compensatedInMemory.add(owed);
      return "running";
    }
    const next = ["a", "b", "go"].find((s) => !done.has(s));
    if (!next) return "done";
    try {
      ctx.log.append({ t: "done", s: next, o: await ctx.steps[next].run(ctx.state, ctx.input, ctx.io) });
    } catch (e) {
      if (!(e instanceof BusinessError)) throw e;
      ctx.log.append({ t: "failed", s: next });
    }
    return "running";
  }
}

describe("the runner law", () => {
  const atomic = { ...good };
  const only = { numRuns: 200, seed: 9, only: ["runner"] };

  it("holds for a runner that logs every outcome durably, through crashes", async () => {
    await assertSagaLaws(model, "pair", atomic, { ...options, runner: () => new PairRunner(true) }, only);
  });

  it("catches a runner that forgets across a crash what it compensated", async () => {
    try {
      await assertSagaLaws(model, "pair", atomic, { ...options, runner: () => new PairRunner(false) }, only);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SagaLawError);
      const err = e as SagaLawError;
      expect(err.law).toMatch(/^runner law/);
      expect(err.report).toMatch(/completed 2 times; it must complete exactly once/);
      expect(err.report).toContain("crash");
      expect(err.replayPath).toMatch(/\w/);
    }
  });
});
