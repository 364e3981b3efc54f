// The checker thread: results match the in-process check, each carries the state it describes,
// and a thread that dies hands its work to the server's thread instead of losing it.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  type Checker,
  checkWorkerScript,
  InProcessChecker,
  WorkerChecker,
} from "../src/workspace/checker.js";
import { Project } from "../src/workspace/project.js";
import { OverlayHost } from "../src/workspace/source-host.js";
import { fixtures } from "./support/lsp-client.js";

const root = path.join(fixtures, "shop");
const main = path.join(root, "main.arch");
const scratch = mkdtempSync(path.join(tmpdir(), "archc-checker-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const codes = (byFile: ReadonlyMap<string, readonly { code: string; span: { start: number } }[]>) =>
  [...byFile].map(([f, ds]) => [path.basename(f), ds.map((d) => `${d.code}@${d.span.start}`)]).sort();

describe("checker", () => {
  it("the worker agrees with the in-process check and follows buffer changes", async () => {
    const script = checkWorkerScript();
    expect(script?.pathname.endsWith("check-worker.ts")).toBe(true);
    const project = new Project(new OverlayHost());
    const log: string[] = [];
    const worker = new WorkerChecker(project, script!, (m) => log.push(m));
    try {
      project.addFolder(root);
      const fromWorker = await worker.current();
      const inProcess = await new InProcessChecker(project).current();
      expect(fromWorker.key).toBe(project.stateKey);
      expect(codes(fromWorker.byFile)).toEqual(codes(inProcess.byFile));
      expect(worker.latestIfCurrent()).toBe(fromWorker);

      project.host.setBuffer(
        main,
        readFileSync(main, "utf8").replace("calls payments.refund", "calls payments.refund { timeout 1s }"),
      );
      expect(worker.latestIfCurrent()).toBeUndefined();
      const after = await worker.current();
      expect(after.key).toBe(project.stateKey);
      expect(after.byFile.get(main)?.map((d) => d.code)).not.toContain("unprotected-call");
      expect((await worker.report(main)).html).toContain("<svg");
      expect(log).toEqual([]);
    } finally {
      worker.dispose();
    }
  });

  it("falls back to the server's thread when the thread dies", async () => {
    const broken = path.join(scratch, "broken-worker.mjs");
    writeFileSync(broken, 'throw new Error("boom");\n');
    const project = new Project(new OverlayHost());
    project.addFolder(root);
    const log: string[] = [];
    const worker = new WorkerChecker(project, pathToFileURL(broken), (m) => log.push(m));
    try {
      const result = await worker.current();
      expect(result.key).toBe(project.stateKey);
      expect(result.byFile.get(main)?.map((d) => d.code)).toContain("unprotected-call");
      expect(log.join("\n")).toMatch(/checker thread failed \(boom\)/);
    } finally {
      worker.dispose();
    }
  });
});

describe("what a check hands the server thread", () => {
  const payments = path.join(root, "payments.arch");
  const paymentsText = readFileSync(payments, "utf8");
  const refundLine = (c: Awaited<ReturnType<Checker["current"]>>) =>
    c.byFile.get(main)?.find((d) => d.code === "unprotected-call")?.related[0]?.range.start.line;

  for (const kind of ["worker", "in-process"] as const)
    it(`keeps the files whose diagnostics only moved in offset (${kind})`, async () => {
      const project = new Project(new OverlayHost());
      const checker =
        kind === "worker"
          ? new WorkerChecker(project, checkWorkerScript()!, () => undefined)
          : new InProcessChecker(project);
      try {
        project.addFolder(root);
        const first = await checker.current();
        expect(refundLine(first)).toBe(8);
        // A space on the blank line under the import: main.arch's findings point at the same
        // lines and columns of payments.arch, at offsets one further.
        project.host.setBuffer(payments, paymentsText.replace("\n\nservice", "\n \nservice"));
        const second = await checker.current();
        expect(second.key).toBe(project.stateKey);
        expect(second.byFile.get(main)).toBe(first.byFile.get(main));
        // A line inserted there: they point one line further down.
        project.host.setBuffer(payments, paymentsText.replace("\n\nservice", "\n\n\nservice"));
        const third = await checker.current();
        expect(third.byFile.get(main)).not.toBe(first.byFile.get(main));
        expect(refundLine(third)).toBe(9);
      } finally {
        checker.dispose();
      }
    });
});

describe("checker under fast typing", () => {
  it("runs one check at a time and skips the states typed over meanwhile", async () => {
    const project = new Project(new OverlayHost());
    const worker = new WorkerChecker(project, checkWorkerScript()!, () => undefined);
    try {
      project.addFolder(root);
      const text = readFileSync(main, "utf8");
      const asked: Promise<{ key: string }>[] = [];
      for (let i = 0; i < 8; i++) {
        project.host.setBuffer(main, `${text}\n// keystroke ${i}\n`);
        asked.push(worker.current());
      }
      const keys = new Set((await Promise.all(asked)).map((r) => r.key));
      // The first state typed, then the latest: the six in between were never compiled.
      expect(keys.size).toBe(2);
      expect(keys.has(project.stateKey)).toBe(true);
    } finally {
      worker.dispose();
    }
  });
});
