// The maturity levels on one system taken apart step by step: the full system is at level 7,
// and each removal drops it to the level below the criterion it breaks, with that gap listed.

import { readFileSync } from "node:fs";
import { compileText } from "@archc/compiler";
import { describe, expect, it } from "vitest";
import { checkModel } from "../../src/check.js";
import { assessLevel } from "../../src/level/assess-level.js";
import { CRITERIA, LEVELS } from "../../src/level/criteria.js";

const FULL = readFileSync(new URL("../fixtures/level/level7.arch", import.meta.url), "utf8");

function assess(text: string, modelCheck = true) {
  const c = compileText(text, "shop.arch");
  expect(c.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const result = checkModel(c, modelCheck ? { modelCheck: {} } : {});
  return assessLevel({
    model: c.model,
    findings: result.diagnostics,
    modelChecked: result.modelCheck !== undefined,
  });
}

function edit(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`edit did nothing: ${String(from)}`);
  return out;
}

/** The next level's unmet criteria and their gap messages. */
const nextGaps = (a: ReturnType<typeof assess>) =>
  a.next?.criteria.filter((c) => !c.met).map((c) => [c.id, c.gaps.map((g) => g.message)]);

describe("assessLevel", () => {
  it("has seven levels, each with criteria", () => {
    expect(LEVELS.map((l) => l.level)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const l of LEVELS) expect(CRITERIA.some((c) => c.level === l.level)).toBe(true);
  });

  it("docs/levels.md states every criterion of every level as the code decides it", () => {
    const page = readFileSync(new URL("../../../../docs/levels.md", import.meta.url), "utf8");
    for (const l of LEVELS) expect(page).toContain(`## Level ${l.level} — ${l.name}\n`);
    for (const c of CRITERIA) expect(page).toContain(`| ${c.id} | ${c.text} |`);
  });

  it("places the full system at level 7", () => {
    const a = assess(FULL);
    expect(a.level).toBe(7);
    expect(a.next).toBeUndefined();
    expect(a.levels.every((l) => l.met)).toBe(true);
  });

  it("level 7 needs the model checker to have run", () => {
    const a = assess(FULL, false);
    expect(a.level).toBe(6);
    expect(nextGaps(a)).toEqual([["7.4", ["the saga model checker did not run"]]]);
  });

  it("level 7 needs autoscaling everywhere", () => {
    const a = assess(edit(FULL, /(service payments[\s\S]*?)replicas 2\.\.4 cpu 70%/, "$1replicas 1..1"));
    expect(a.level).toBe(6);
    expect(nextGaps(a)).toEqual([["7.1", ["service payments has replicas 1..1; needs at least 2..3"]]]);
  });

  it("level 6 needs mTLS and tracing", () => {
    const a = assess(
      edit(FULL, / {2}mesh istio \{ mtls strict \}\n {2}tracing otlp \{[^}]*\}\n/, "  mesh istio\n"),
    );
    expect(a.level).toBe(5);
    expect(nextGaps(a)).toEqual([
      ["6.2", ["no mesh declares `mtls strict`"]],
      ["6.3", ["no `deploy` block declares `tracing`"]],
    ]);
  });

  it("level 5 needs a saga and idempotent handlers", () => {
    let text = edit(FULL, /\/\/\/ Places an order and[\s\S]*?\n}\n/, "");
    text = edit(
      text,
      `op settle: Order -> unit          POST "/payments/settle"  idempotent`,
      `op settle: Order -> unit          POST "/payments/settle"`,
    );
    const a = assess(text);
    expect(a.level).toBe(4);
    expect(nextGaps(a)).toEqual([
      ["5.3", ["handler payments.settle of OrderPlaced is not `idempotent`"]],
      ["5.4", ["no `saga` declared"]],
    ]);
  });

  it("level 4 names each call without a timeout or breaker, and the missing deploy target", () => {
    let text = edit(
      FULL,
      "calls payments.void { timeout 2s  per-try 1s  retries 1  breaker 5 in 30s }",
      "calls payments.void",
    );
    text = edit(text, /deploy prod \{[\s\S]*?\n}\ndeploy local \{ target compose \}\n/, "");
    const a = assess(text);
    expect(a.level).toBe(3);
    const gaps = a.next!.criteria.filter((c) => !c.met);
    expect(gaps.map((c) => [c.id, c.gaps.map((g) => g.message)])).toEqual([
      ["4.1", ["calls orders -> payments.void has no timeout"]],
      ["4.2", ["calls orders -> payments.void has no breaker"]],
      ["4.4", ["no `deploy` block with a `target` (kubernetes or compose provide discovery by name)"]],
    ]);
    const span = gaps[0].gaps[0].span!;
    expect(text.split("\n")[span.line - 1].slice(span.col - 1, span.endCol - 1)).toBe("payments.void");
  });

  it("level 3 needs owned stores", () => {
    const a = assess(edit(FULL, /(service payments[\s\S]*?)uses payments-db/, "$1uses orders-db"));
    expect(a.level).toBe(2);
    expect(nextGaps(a)).toEqual([
      [
        "3.2",
        [
          "shared-store: store orders-db is written by 2 services: orders and payments",
          "store payments-db has no owner: no service `uses` it to write",
        ],
      ],
    ]);
  });

  it("level 2 needs an image per service, and level 1 an API", () => {
    const noImage = assess(edit(FULL, `image "ghcr.io/example/orders:0.1.0"`, ""));
    expect(noImage.level).toBe(1);
    expect(nextGaps(noImage)).toEqual([["2.3", ["service orders has no `image`"]]]);
    const nothing = assess("service a { }\n", false);
    expect(nothing.level).toBe(0);
    expect(nothing.name).toBe("not yet a system");
    expect(nextGaps(nothing)).toEqual([["1.1", ["no service declares an `api` with an op"]]]);
  });
});
