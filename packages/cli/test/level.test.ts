// `archc level` end to end on small systems.

import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli, runArchc, tempProject } from "./support/run-archc.js";

const dirs: string[] = [];
beforeAll(buildCli, 120_000);
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const project = (text: string) => {
  const d = tempProject({ "main.arch": text });
  dirs.push(d);
  return d;
};

const TWO = `store a-db: postgres
store b-db: postgres
service a {
  image "ex/a:1"  port 80
  uses a-db
  api v1 { op f: unit -> unit }
  calls b.g
}
service b {
  image "ex/b:1"  port 80
  uses b-db
  api v1 { op g: unit -> unit idempotent }
}
`;

describe("archc level", () => {
  it("places a system and lists the exact declarations the next level needs", () => {
    const r = runArchc(project(TWO), ["level", "--no-model-check"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Level 3 of 7: communicating microservices with own stores\n");
    expect(r.stdout).toContain("To reach level 4 (discovery and resilient calls):\n");
    expect(r.stdout).toContain(
      "  ✗ 4.1 every `calls` edge has a `timeout`\n      main.arch:7:9: calls a -> b.g has no timeout\n",
    );
    expect(r.stdout).toContain(
      "  ✗ 4.2 every `calls` edge has a circuit `breaker`\n      main.arch:7:9: calls a -> b.g has no breaker\n",
    );
    expect(r.stdout).toContain("  ✓ 4.3 retries are safe and bounded");
    expect(r.stdout).toContain(
      "  ✗ 4.4 services are discoverable: a `deploy` target, and a `port` on every service others call\n      no `deploy` block with a `target`",
    );
  });

  it("gives the same assessment as JSON", () => {
    const r = runArchc(project(TWO), ["level", "--format", "json", "--no-model-check"]);
    const a = JSON.parse(r.stdout);
    expect(a.version).toBe(1);
    expect(a.level).toBe(3);
    expect(a.next.level).toBe(4);
    const timeouts = a.next.criteria.find((c: { id: string }) => c.id === "4.1");
    expect(timeouts.gaps).toEqual([
      {
        message: "calls a -> b.g has no timeout",
        span: { file: "main.arch", start: 132, end: 135, line: 7, col: 9, endLine: 7, endCol: 12 },
      },
    ]);
  });

  it("--min fails below the level, and level 7 needs the model checker", () => {
    const dir = project(TWO);
    expect(runArchc(dir, ["level", "--min", "3", "--no-model-check"]).status).toBe(0);
    expect(runArchc(dir, ["level", "--min", "4", "--no-model-check"]).status).toBe(1);
    expect(runArchc(dir, ["level", "--min", "9"]).status).toBe(2);
  });

  it("refuses a model with errors", () => {
    const r = runArchc(project("service a { calls b.f }\n"), ["level"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("archc: fix the errors first; a model with errors has no level\n");
  });
});
