// What an edit republishes, through a real LSP client: the edited file first, and another file
// only when its diagnostics changed as the client sees them. An edit that moves the offsets of
// related ranges in other files but not their lines and columns republishes nothing else, yet
// hover and code actions answer from the newest check; an edit that moves lines republishes
// every file whose ranges point below it. Each time, the client ends up with exactly what a
// server started fresh on the same texts publishes.

import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type {
  CodeAction,
  Diagnostic,
  Hover,
  MarkupContent,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from "vscode-languageserver-protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSystem } from "../../../bench/generate.js";
import { fixtures, LspTestClient, positionOf, uriOf } from "./support/lsp-client.js";

const root = mkdtempSync(path.join(tmpdir(), "archc-lsp-republish-"));
cpSync(path.join(fixtures, "shop"), root, { recursive: true });
const files = { main: path.join(root, "main.arch"), payments: path.join(root, "payments.arch") };
const uri = {
  main: uriOf(files.main),
  payments: uriOf(files.payments),
  types: uriOf(path.join(root, "types.arch")),
};
const text = { main: readFileSync(files.main, "utf8"), payments: readFileSync(files.payments, "utf8") };

let client: LspTestClient;
/** Each publish round's end (archc/published), with how many publishes the client had then. */
const rounds: { files: number; logged: number }[] = [];

async function until(condition: () => boolean, what: string): Promise<void> {
  for (const started = Date.now(); !condition(); ) {
    if (Date.now() - started > 20_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Waits for the round that published `p` to end; returns that round. */
async function roundOf(p: PublishDiagnosticsParams): Promise<{ files: number; logged: number }> {
  const index = client.publishLog.indexOf(p);
  await until(() => rounds.some((r) => r.logged > index), "the end of the publish round");
  return rounds.find((r) => r.logged > index)!;
}

/** Edits a document and returns what the round that published the new version sent. */
async function edit(doc: keyof typeof files, change: TextDocumentContentChangeEvent, after: string) {
  const from = client.publishLog.length;
  const version = client.change(uri[doc], [change]);
  text[doc] = after;
  const published = await client.nextDiagnostics(uri[doc], (p) => p.version === version);
  const round = await roundOf(published);
  return { sent: client.publishLog.slice(from, round.logged), round };
}

/** Text inserted at the start of the (0-based) `line`: the change and the text after it. */
function insertAt(doc: keyof typeof files, line: number, inserted: string) {
  const start = { line, character: 0 };
  let offset = 0;
  for (let l = 0; l < line; l++) offset = text[doc].indexOf("\n", offset) + 1;
  return {
    change: { range: { start, end: start }, text: inserted },
    after: text[doc].slice(0, offset) + inserted + text[doc].slice(offset),
  };
}

/** The blank line above the line holding `needle` (the gap between two blocks). */
function blankLineAbove(doc: keyof typeof files, needle: string): number {
  const line = positionOf(text[doc], needle).line - 1;
  expect(text[doc].split("\n")[line]).toBe("");
  return line;
}

/** What a server started fresh on the current texts publishes, per URI. */
async function freshlyPublished(): Promise<Map<string, Diagnostic[]>> {
  const fresh = (await LspTestClient.start(root, { initializationOptions: { debounceMs: 5 } })).client;
  try {
    const docs = [fresh.open(files.main, text.main), fresh.open(files.payments, text.payments)];
    for (const u of docs) await fresh.diagnostics(u, (p) => p.version === 1);
    await fresh.diagnostics(uri.types);
    return new Map([uri.main, uri.payments, uri.types].map((u) => [u, fresh.published.get(u)!.diagnostics]));
  } finally {
    await fresh.stop();
  }
}

async function expectSameAsFresh(): Promise<void> {
  for (const [u, diagnostics] of await freshlyPublished())
    expect(client.published.get(u)?.diagnostics, path.basename(u)).toEqual(diagnostics);
}

function unprotectedRefund(diagnostics: readonly Diagnostic[] | undefined): Diagnostic | undefined {
  return diagnostics?.find((d) => d.code === "unprotected-call" && d.message.includes("refund"));
}

beforeAll(async () => {
  ({ client } = await LspTestClient.start(root, {
    initializationOptions: { debounceMs: 5, reportTimings: true },
  }));
  client.connection.onNotification("archc/published", (p: { files: number }) =>
    rounds.push({ files: p.files, logged: client.publishLog.length }),
  );
  const opened = [client.open(files.main), client.open(files.payments)];
  for (const u of opened) await roundOf(await client.diagnostics(u, (p) => p.version === 1));
  expect(unprotectedRefund(client.published.get(uri.main)?.diagnostics)).toBeDefined();
});
afterAll(async () => {
  expect(client.alive).toBe(true);
  expect(client.errorLog).toEqual([]);
  expect(await client.stop()).toBe(0);
  rmSync(root, { recursive: true, force: true });
});

describe("republishing after an edit", () => {
  it("sends only the edited file when other files' ranges into it keep their lines and columns", async () => {
    const before = client.published.get(uri.main);
    // A space on the blank line under the import: every later offset in payments.arch moves.
    const { change, after } = insertAt("payments", blankLineAbove("payments", "service payments"), " ");
    const { sent, round } = await edit("payments", change, after);
    expect(sent.map((p) => p.uri)).toEqual([uri.payments]);
    expect(round.files).toBe(1);
    expect(client.published.get(uri.main)).toBe(before);
    // main.arch's finding still points at `refund` in payments.arch, where it now is.
    const related = unprotectedRefund(before?.diagnostics)?.relatedInformation?.[0].location;
    const refund = positionOf(text.payments, "refund");
    expect(related).toEqual({
      uri: uri.payments,
      range: { start: refund, end: { ...refund, character: refund.character + "refund".length } },
    });
    // The code action of main.arch's finding comes from the newest check, with the same ranges.
    const pos = positionOf(text.main, "calls payments.refund", 3);
    const actions = await client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri: uri.main },
      range: { start: pos, end: pos },
      context: { diagnostics: [] },
    });
    const fix = actions.find((a) => a.title.startsWith("Add a timeout"));
    expect(fix?.diagnostics?.[0].relatedInformation?.[0].location).toEqual(related);
    await expectSameAsFresh();
  });

  it("finds a finding by its new offsets after an edit above it moved them, not its lines", async () => {
    const { change, after } = insertAt("main", blankLineAbove("main", "service inventory"), " ");
    const { sent } = await edit("main", change, after);
    expect(sent.map((p) => p.uri)).toEqual([uri.main]);
    // Right after `payments.refund`: the finding's end, one character further than before.
    const end = positionOf(text.main, "calls payments.refund", "calls payments.refund".length);
    const hover = await client.request<Hover | null>("textDocument/hover", {
      textDocument: { uri: uri.main },
      position: end,
    });
    expect((hover?.contents as MarkupContent | undefined)?.value).toContain("**unprotected-call**");
    await expectSameAsFresh();
  });

  it("republishes, after the edited file, the files whose related ranges an inserted line moved", async () => {
    const before = unprotectedRefund(client.published.get(uri.main)?.diagnostics);
    const { change, after } = insertAt("payments", positionOf(text.payments, "service payments").line, "\n");
    const { sent } = await edit("payments", change, after);
    expect(sent.map((p) => p.uri)).toEqual([uri.payments, uri.main]);
    const moved = unprotectedRefund(client.published.get(uri.main)?.diagnostics);
    const line = (d: Diagnostic | undefined) => d?.relatedInformation?.[0].location.range.start.line;
    expect(line(moved)).toBe(positionOf(text.payments, "refund").line);
    expect(line(moved)).toBe((line(before) ?? Number.NaN) + 1);
    await expectSameAsFresh();
  });
});

describe("republishing after a round that was typed over", () => {
  it("sends what changed since the last publish, not only since the last check", async () => {
    // 200 services: services-001.arch has findings whose related ranges point into
    // services-000.arch, and a check takes long enough to type over.
    const dir = mkdtempSync(path.join(tmpdir(), "archc-lsp-typed-over-"));
    const generated = generateSystem({ services: 200, seed: 7 }).files;
    for (const [name, content] of generated) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), content);
    }
    const edited = path.join(dir, "services/services-000.arch");
    const pointing = uriOf(path.join(dir, "services/services-001.arch"));
    let content = generated.get("services/services-000.arch")!;
    const { client: typing } = await LspTestClient.start(dir, { initializationOptions: { debounceMs: 5 } });
    try {
      const u = typing.open(edited, content);
      await typing.diagnostics(u, (p) => p.version === 1, 60_000);
      const linesBefore = relatedLines(await typing.diagnostics(pointing, (p) => relatedLines(p).length > 0));
      // A line at the top moves every range services-001.arch points at; while that is being
      // checked, a comment typed at the end changes nothing services-001.arch shows. The first
      // result is then typed over, and the second equals it for services-001.arch.
      typing.change(u, [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "\n" },
      ]);
      content = `\n${content}`;
      await new Promise((resolve) => setTimeout(resolve, 25));
      const end = { line: content.split("\n").length - 1, character: 0 };
      const version = typing.change(u, [{ range: { start: end, end }, text: "// typed at the end\n" }]);
      content = `${content}// typed at the end\n`;
      await typing.diagnostics(u, (p) => p.version === version, 60_000);
      await typing.diagnostics(pointing, (p) => relatedLines(p)[0] === linesBefore[0] + 1, 20_000);

      const { client: fresh } = await LspTestClient.start(dir, { initializationOptions: { debounceMs: 5 } });
      try {
        await fresh.diagnostics(fresh.open(edited, content), (p) => p.version === 1, 60_000);
        const expected = await fresh.diagnostics(pointing);
        expect(typing.published.get(pointing)?.diagnostics).toEqual(expected.diagnostics);
      } finally {
        await fresh.stop();
      }
    } finally {
      await typing.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The lines (0-based) of the related ranges into services-000.arch a file's findings show. */
function relatedLines(p: PublishDiagnosticsParams | undefined): number[] {
  return (p?.diagnostics ?? []).flatMap((d) =>
    (d.relatedInformation ?? [])
      .filter((r) => r.location.uri.endsWith("/services/services-000.arch"))
      .map((r) => r.location.range.start.line),
  );
}
