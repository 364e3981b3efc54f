// Each rule reads only the Model parts it lists in `reads`: a re-check reuses its findings
// while those parts are unchanged, so a part read but not listed would let stale findings
// through. Every rule runs over recording Models of the examples, the rule fixtures and a
// generated system, with its default options and with every threshold at 1 and 2 (so that
// the branches behind them run too).

import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { compileWorkspace, MEMORY_ROOT, type Model, memoryHost } from "@archc/compiler";
import { expandEntries, loadWorkspace } from "@archc/dsl";
import { describe, expect, it } from "vitest";
import { generateSystem } from "../../../../bench/generate.js";
import { createAnalyses } from "../../src/graph/analyses.js";
import type { OptionValue, Rule } from "../../src/rule.js";
import { rules } from "../../src/rules/index.js";
import { recordingModel } from "../support/recording-model.js";

const repo = fileURLToPath(new URL("../../../../", import.meta.url));

function compile(files: Record<string, string>): Model {
  const names = Object.keys(files).sort();
  const ws = loadWorkspace(
    names.map((n) => path.resolve(MEMORY_ROOT, n)),
    { root: MEMORY_ROOT, host: memoryHost(files) },
  );
  return compileWorkspace(ws).model;
}

function models(): Model[] {
  const out: Model[] = [];
  for (const example of readdirSync(path.join(repo, "examples"))) {
    const dir = path.join(repo, "examples", example);
    const files: Record<string, string> = {};
    for (const abs of expandEntries([dir]))
      files[path.relative(dir, abs).split(path.sep).join("/")] = readFileSync(abs, "utf8");
    out.push(compile(files));
  }
  const fixtures = path.join(repo, "packages/checker/test/fixtures/rules");
  for (const rule of readdirSync(fixtures)) {
    for (const kind of ["fires.arch", "clean.arch"]) {
      try {
        out.push(compile({ "main.arch": readFileSync(path.join(fixtures, rule, kind), "utf8") }));
      } catch {
        // no such fixture
      }
    }
  }
  out.push(compile(Object.fromEntries(generateSystem({ services: 40, seed: 7 }).files)));
  return out;
}

function optionSets(rule: Rule): Record<string, OptionValue>[] {
  const defaults = Object.fromEntries(rule.meta.options.map((o) => [o.name, o.default]));
  const at = (n: number) =>
    Object.fromEntries(rule.meta.options.map((o) => [o.name, o.type === "count" ? n : o.default]));
  return [defaults, at(1), at(2)];
}

/** The parts `rule` reads over `model` with `options`. */
function partsRead(rule: Rule, model: Model, options: Record<string, OptionValue>): Set<string> {
  const { model: recording, read } = recordingModel(model);
  rule.check({
    model: recording,
    options,
    analyses: createAnalyses(recording),
    report: () => {},
    forElement: (_element, inputs, compute) => {
      inputs();
      compute();
    },
  });
  return read;
}

describe("the Model parts each rule lists in `reads`", () => {
  const all = models();
  for (const rule of rules) {
    it(`cover what ${rule.meta.id} reads`, () => {
      expect(rule.reads, `${rule.meta.id} lists no reads`).toBeDefined();
      const listed = new Set<string>(rule.reads);
      const read = new Set<string>();
      for (const model of all)
        for (const options of optionSets(rule)) for (const p of partsRead(rule, model, options)) read.add(p);
      expect([...read].filter((p) => !listed.has(p)).sort()).toEqual([]);
      // And nothing listed goes unread (a stale entry costs reuse).
      expect([...listed].filter((p) => !read.has(p)).sort()).toEqual([]);
    });
  }

  it("catch a part read but not listed", () => {
    const sneaky: Rule = {
      meta: rules[0].meta,
      reads: ["services.calls"],
      check(ctx) {
        for (const s of Object.values(ctx.model.services)) void s.owner;
      },
    };
    const read = partsRead(sneaky, all[0], {});
    expect(read.has("services.owner")).toBe(true);
  });
});
