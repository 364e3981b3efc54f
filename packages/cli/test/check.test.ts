// `archc check` end to end: the bundled CLI on small projects, every format, exit codes.

import { readdirSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateCheckJson, validateSarif } from "../../checker/test/support/validators.js";
import { buildCli, runArchc, tempProject } from "./support/run-archc.js";

const CLEAN = `store orders-db: postgres
service orders {
  uses orders-db
  image "ghcr.io/shop/orders:1.0.0"
  health "/health"
  api v1 { op get: uuid -> string readonly }
}
`;
const SHARED = `store db: postgres
service a { uses db }
service b { uses db }
`;
const WARN_ONLY = `service payments { api v1 { op charge: uuid -> unit  op get: uuid -> unit readonly } }
service orders { calls payments.charge }
`;
const TYPE_ERROR = `service a { api v1 { op f: Ordr -> unit  op g: unit -> unit } }
`;

const dirs: string[] = [];
const project = (files: Record<string, string>) => {
  const d = tempProject(files);
  dirs.push(d);
  return d;
};

beforeAll(buildCli, 120_000);
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("archc check: exit codes", () => {
  it("exits 0 and prints a summary when nothing reaches fail-on", () => {
    const r = runArchc(project({ "main.arch": CLEAN }), ["check"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("0 errors, 0 warnings, 0 infos (1 file checked)\n");
  });

  it("exits 1 on an error finding, with a rustc-style frame", () => {
    const r = runArchc(project({ "main.arch": SHARED }), ["check"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      [
        "error[shared-store]: store db is written by 2 services: a and b",
        " --> main.arch:1:7",
        "  |",
        "1 | store db: postgres",
        "  |       ^^",
        "  |",
        "2 | service a { uses db }",
        "  |             ------- written by a here",
      ].join("\n"),
    );
    expect(r.stdout).toMatch(/1 error, 0 warnings, 0 infos \(1 file checked\)\n$/);
  });

  it("reports compiler diagnostics in the same output", () => {
    const r = runArchc(project({ "main.arch": TYPE_ERROR }), ["check"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("error[E0202]");
  });

  it("--fail-on warning fails on warnings; the default does not", () => {
    const dir = project({ "main.arch": WARN_ONLY });
    expect(runArchc(dir, ["check"]).status).toBe(0);
    expect(runArchc(dir, ["check", "--fail-on", "warning"]).status).toBe(1);
    expect(runArchc(dir, ["check", "--fail-on", "error"]).status).toBe(0);
  });

  it("honours `rules { fail-on warning }`, and --fail-on overrides it", () => {
    const dir = project({ "main.arch": `${WARN_ONLY}rules { fail-on warning }\n` });
    expect(runArchc(dir, ["check"]).status).toBe(1);
    expect(runArchc(dir, ["check", "--fail-on", "error"]).status).toBe(0);
  });

  it("exits 2 on usage errors", () => {
    const dir = project({ "main.arch": CLEAN });
    const badFormat = runArchc(dir, ["check", "--format", "xml"]);
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toContain("xml");
    expect(runArchc(dir, ["check", "--fail-on", "never"]).status).toBe(2);
    const missing = runArchc(dir, ["check", "nope.arch"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("archc: no such file or folder: nope.arch\n");
    const empty = project({ "README.md": "nothing here" });
    const none = runArchc(empty, ["check"]);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe("archc: no .arch files in .\n");
    expect(runArchc(dir, ["check", "--output", "no/such/dir/out.json", "--format", "json"]).status).toBe(2);
  });
});

describe("archc check: formats", () => {
  it("json validates against docs/check-output.schema.json", () => {
    const r = runArchc(project({ "main.arch": SHARED }), ["check", "--format", "json"]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(validateCheckJson(report).errors).toEqual([]);
    expect(report.summary).toEqual({ errors: 1, warnings: 0, infos: 0, suppressed: 0 });
    expect(report.diagnostics[0]).toMatchObject({
      code: "shared-store",
      span: { file: "main.arch", line: 1 },
    });
  });

  it("sarif validates against the SARIF 2.1.0 schema and anchors paths at the root", () => {
    const dir = project({ "models/main.arch": SHARED });
    const r = runArchc(dir, ["check", "models", "--format", "sarif"]);
    const log = JSON.parse(r.stdout);
    expect(validateSarif(log).errors).toEqual([]);
    const run = log.runs[0];
    expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: "main.arch",
      uriBaseId: "ROOT",
    });
    expect(run.originalUriBaseIds.ROOT.uri).toBe(`file://${path.join(dir, "models")}/`);
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toContain("retry-amplification");
  });

  it("github prints one workflow command per finding, paths relative to the working directory", () => {
    const dir = project({ "models/main.arch": SHARED });
    const r = runArchc(dir, ["check", "models", "--format", "github"]);
    expect(r.stdout.split("\n")[0]).toBe(
      "::error file=models/main.arch,line=1,col=7,endLine=1,endColumn=9,title=archc shared-store::store db is written by 2 services: a and b%0Amodels/main.arch:2:13: written by a here%0Amodels/main.arch:3:13: written by b here%0Ahelp: give each service its own store and share data through an op or an event; keep one writer of db",
    );
  });

  it("junit has one test case per rule and fails the rule with findings", () => {
    const r = runArchc(project({ "main.arch": SHARED }), ["check", "--format", "junit"]);
    expect(r.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(r.stdout).toMatch(
      /<testcase name="shared-store" classname="archc.rules.structure" time="0">\n\s+<failure message="1 finding" type="error">/,
    );
    expect(r.stdout).toContain(
      '<testcase name="sync-cycle" classname="archc.rules.structure" time="0"></testcase>',
    );
  });

  it("--output writes the report to a file and only a note to stderr", () => {
    const dir = project({ "main.arch": SHARED });
    const r = runArchc(dir, ["check", "--format", "sarif", "--output", "out.sarif"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("archc: wrote sarif report to out.sarif (1 errors, 0 warnings, 0 infos)\n");
    expect(JSON.parse(readFileSync(path.join(dir, "out.sarif"), "utf8")).version).toBe("2.1.0");
  });
});

describe("archc check: colour", () => {
  const dir = () => project({ "main.arch": SHARED });
  it("is plain when not a TTY, and with NO_COLOR", () => {
    expect(runArchc(dir(), ["check"], { NO_COLOR: "", FORCE_COLOR: "" }).stdout).not.toContain("\u001b[");
    expect(runArchc(dir(), ["check"], { NO_COLOR: "1" }).stdout).not.toContain("\u001b[");
  });
  it("is coloured with FORCE_COLOR, and never in a file", () => {
    const d = dir();
    expect(runArchc(d, ["check"], { FORCE_COLOR: "1", NO_COLOR: "" }).stdout).toContain("\u001b[31m");
    runArchc(d, ["check", "--output", "r.txt"], { FORCE_COLOR: "1", NO_COLOR: "" });
    expect(readFileSync(path.join(d, "r.txt"), "utf8")).not.toContain("\u001b[");
  });
});

const SAGA = `type Order { id: uuid }
type Payment { id: uuid }
service orders {
  api v1 { op approve: Order -> Order idempotent }
  calls payments.charge { timeout 1s }
}
service payments { api v1 { op charge: Order -> Payment  op refund: Payment -> unit idempotent } }
saga pay(Order) by orders {
  step charge: payments.charge compensate payments.refund
  pivot approve: orders.approve
}
`;

describe("archc check: the saga model checker", () => {
  it("runs by default: its finding, trace and a summary of what it explored", () => {
    const r = runArchc(project({ "main.arch": SAGA }), ["check"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("error[saga-partial-commit]: saga pay: the compensation payments.refund");
    expect(r.stdout).toContain("  = trace:\n    shortest counterexample, 4 states:\n");
    expect(r.stdout).toMatch(/\nmodel check: saga pay, 2 instances: \d+ distinct states/);
  });

  it("--no-model-check leaves it out", () => {
    const r = runArchc(project({ "main.arch": SAGA }), ["check", "--no-model-check"]);
    expect(r.stdout).not.toContain("saga-partial-commit");
    expect(r.stdout).not.toContain("model check:");
  });

  it("--instances and --max-states reach the checker; bad values are usage errors", () => {
    const dir = project({ "main.arch": SAGA });
    const r = runArchc(dir, ["check", "--instances", "1", "--max-states", "5"]);
    expect(r.stdout).toMatch(/model check: saga pay, 1 instance: .*bounded/);
    expect(runArchc(dir, ["check", "--instances", "0"]).status).toBe(2);
    expect(runArchc(dir, ["check", "--max-states", "lots"]).status).toBe(2);
  });

  it("writes ITF traces with --trace-format itf --trace-out, and SARIF code flows", () => {
    const dir = project({ "main.arch": SAGA });
    const r = runArchc(dir, ["check", "--format", "sarif", "--trace-format", "itf", "--trace-out", "traces"]);
    expect(r.stderr).toContain("archc: wrote 1 ITF trace file to traces\n");
    const [file] = readdirSync(path.join(dir, "traces"));
    expect(file).toBe("01-saga-partial-commit-main.arch-9.itf.json");
    const itf = JSON.parse(readFileSync(path.join(dir, "traces", file), "utf8"));
    expect(itf["#meta"].format).toBe("ITF");
    const result = JSON.parse(r.stdout).runs[0].results.find(
      (x: { ruleId: string }) => x.ruleId === "saga-partial-commit",
    );
    expect(result.codeFlows[0].threadFlows[0].locations).toHaveLength(4);
    expect(validateSarif(JSON.parse(r.stdout)).errors).toEqual([]);
    expect(runArchc(dir, ["check", "--trace-out", "t"]).status).toBe(2);
  });
});
