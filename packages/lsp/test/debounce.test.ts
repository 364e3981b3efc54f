// When the server re-checks after a change, through a real LSP client with a long debounce so
// the timing is unmistakable: a change after a pause is checked at once, and changes that
// follow each other within the debounce are published together once it has passed — their
// re-check having started on the checker thread as they arrived.

import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtures, LspTestClient, uriOf } from "./support/lsp-client.js";

const DEBOUNCE_MS = 1500;
const root = mkdtempSync(path.join(tmpdir(), "archc-lsp-debounce-"));
cpSync(path.join(fixtures, "shop"), root, { recursive: true });
const file = path.join(root, "main.arch");
const uri = uriOf(file);
let client: LspTestClient;
/** The checker's phases of each publish round (archc/published). */
const rounds: Record<string, number>[] = [];

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A comment line appended to the end of the document, as a change event. */
function appendLine(lines: number, text: string) {
  const end = { line: lines, character: 0 };
  return [{ range: { start: end, end }, text: `${text}\n` }];
}

beforeAll(async () => {
  ({ client } = await LspTestClient.start(root, {
    initializationOptions: { debounceMs: DEBOUNCE_MS, reportTimings: true },
  }));
  client.connection.onNotification("archc/published", (p: { phases: Record<string, number> }) =>
    rounds.push(p.phases),
  );
  await client.diagnostics(client.open(file, readFileSync(file, "utf8")), (p) => p.version === 1, 60_000);
}, 90_000);

afterAll(async () => {
  await client.stop();
  rmSync(root, { recursive: true, force: true });
});

describe("debounce", () => {
  it("checks a change after a pause at once, and a burst of changes once, after the debounce", async () => {
    let lines = readFileSync(file, "utf8").split("\n").length - 1;
    await pause(DEBOUNCE_MS);
    let started = performance.now();
    const alone = client.change(uri, appendLine(lines++, "// after a pause"));
    await client.nextDiagnostics(uri, (p) => p.version === alone, 20_000);
    expect(performance.now() - started).toBeLessThan(DEBOUNCE_MS / 2);

    const from = client.publishLog.length;
    const first = client.change(uri, appendLine(lines++, "// typed right after"));
    started = performance.now();
    const second = client.change(uri, appendLine(lines++, "// and again"));
    await client.nextDiagnostics(uri, (p) => p.version === second, 20_000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(DEBOUNCE_MS - 50);
    // The checker thread had re-checked before the request came, after the debounce.
    await pause(200);
    const last = rounds[rounds.length - 1];
    expect(last.wait).toBeLessThan(last.load + last.compile + last.check);
    const versions = client.publishLog
      .slice(from)
      .filter((p) => p.uri === uri)
      .map((p) => p.version);
    expect(versions).not.toContain(first);
  }, 60_000);
});
