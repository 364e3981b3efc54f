// The server under editing: typing a file from nothing, deleting random spans, requests racing
// edits, cancellation, files appearing on disk. A half-typed file must never crash the server,
// every request gets an answer (or a clean RequestCancelled), and diagnostics follow versions.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { CancellationTokenSource, ResponseError } from "vscode-jsonrpc/node";
import type { CompletionList, Location, Position } from "vscode-languageserver-protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtures, LspTestClient, positionOf, uriOf } from "./support/lsp-client.js";

const REQUEST_CANCELLED = -32800;
const root = mkdtempSync(path.join(tmpdir(), "archc-lsp-editing-"));
cpSync(path.join(fixtures, "shop"), root, { recursive: true });
const mainFile = path.join(root, "main.arch");
const mainText = readFileSync(mainFile, "utf8");
const mainUri = uriOf(mainFile);

let client: LspTestClient;
beforeAll(async () => {
  ({ client } = await LspTestClient.start(root, { initializationOptions: { debounceMs: 5 } }));
});
afterAll(async () => {
  expect(client.alive).toBe(true);
  expect(await client.stop()).toBe(0);
  rmSync(root, { recursive: true, force: true });
});

/** A small deterministic PRNG (mulberry32), so every run edits the same way. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function positionAtOffset(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

/** Fires the position-based requests an editor sends while typing; all must be answered. */
function probe(text: string, offset: number): Promise<unknown>[] {
  const textDocument = { uri: mainUri };
  const position = positionAtOffset(text, offset);
  return [
    client.request("textDocument/hover", { textDocument, position }),
    client.request("textDocument/completion", { textDocument, position }),
    client.request("textDocument/definition", { textDocument, position }),
    client.request("textDocument/documentSymbol", { textDocument }),
    client.request("textDocument/semanticTokens/full", { textDocument }),
    client.request("textDocument/foldingRange", { textDocument }),
    client.request("textDocument/codeAction", {
      textDocument,
      range: { start: position, end: position },
      context: { diagnostics: [] },
    }),
  ];
}

describe("a half-typed file never crashes the server", () => {
  it("survives the whole file typed one character at a time, answering requests throughout", async () => {
    client.open(mainFile, "");
    let typed = "";
    const pending: Promise<unknown>[] = [];
    let version = 1;
    for (let i = 0; i < mainText.length; i++) {
      const ch = mainText[i];
      const at = positionAtOffset(typed, typed.length);
      version = client.change(mainUri, [{ range: { start: at, end: at }, text: ch }]);
      typed += ch;
      if (i % 9 === 0) pending.push(...probe(typed, typed.length));
    }
    const settled = await Promise.allSettled(pending);
    const failures = settled.filter(
      (s) =>
        s.status === "rejected" &&
        !(s.reason instanceof ResponseError && s.reason.code === REQUEST_CANCELLED),
    );
    expect(failures).toEqual([]);
    expect(client.alive).toBe(true);
    expect(client.errorLog).toEqual([]);
    // The diagnostics that settle are those of the complete text, tagged with its version.
    const final = await client.diagnostics(mainUri, (p) => p.version === version);
    expect(final.diagnostics.map((d) => d.code)).toContain("unprotected-call");
    expect(final.diagnostics.filter((d) => /^E01/.test(String(d.code)))).toEqual([]);
  });

  it("survives random deletions and insertions of fragments", async () => {
    const random = prng(20260101);
    const fragments = [
      "{",
      "}",
      "calls ",
      ".",
      "->",
      "(",
      ")",
      ":",
      "!",
      "|",
      "step x:",
      "op y: ",
      '"',
      "/*",
      "///",
      "\n",
    ];
    let text = mainText;
    const pending: Promise<unknown>[] = [];
    let version = 0;
    for (let i = 0; i < 150; i++) {
      const a = Math.floor(random() * text.length);
      const b = Math.min(text.length, a + Math.floor(random() * 40));
      const insert = random() < 0.5 ? fragments[Math.floor(random() * fragments.length)] : "";
      version = client.change(mainUri, [
        { range: { start: positionAtOffset(text, a), end: positionAtOffset(text, b) }, text: insert },
      ]);
      text = text.slice(0, a) + insert + text.slice(b);
      pending.push(...probe(text, Math.floor(random() * (text.length + 1))));
      if (i % 10 === 0) pending.push(client.request("archc/report", { uri: mainUri }));
    }
    const settled = await Promise.allSettled(pending);
    expect(
      settled.filter(
        (s) =>
          s.status === "rejected" &&
          !(s.reason instanceof ResponseError && s.reason.code === REQUEST_CANCELLED),
      ),
    ).toEqual([]);
    await client.diagnostics(mainUri, (p) => p.version === version);
    expect(client.alive).toBe(true);
    expect(client.errorLog).toEqual([]);
  });
});

describe("versions, staleness and cancellation", () => {
  it("answers a request sent right after an edit against the edited text", async () => {
    const v = client.change(mainUri, [{ text: mainText }]);
    await client.diagnostics(mainUri, (p) => p.version === v);
    // Insert a line above the flow: every position below moves down by one.
    const edited = mainText.replace("flow checkout", "// moved\nflow checkout");
    client.change(mainUri, [{ text: edited }]);
    const defs = await client.request<Location[]>("textDocument/definition", {
      textDocument: { uri: mainUri },
      position: positionOf(edited, "orders.place ;", 8),
    });
    expect(defs).toHaveLength(1);
    expect(defs[0].range.start.line).toBe(positionOf(edited, "op place").line);
  });

  it("cancels requests the client gives up on, cleanly, and keeps serving", async () => {
    let cancelled = 0;
    let answered = 0;
    for (let i = 0; i < 20; i++) {
      const source = new CancellationTokenSource();
      const request = client.connection.sendRequest<CompletionList>(
        "textDocument/completion",
        { textDocument: { uri: mainUri }, position: positionOf(mainText, "payments.charge {", 9) },
        source.token,
      );
      source.cancel();
      try {
        await request;
        answered++;
      } catch (err) {
        expect(err).toBeInstanceOf(ResponseError);
        expect((err as ResponseError<unknown>).code).toBe(REQUEST_CANCELLED);
        cancelled++;
      }
    }
    expect(cancelled + answered).toBe(20);
    expect(cancelled).toBeGreaterThan(0);
    const after = await client.request<CompletionList>("textDocument/completion", {
      textDocument: { uri: mainUri },
      position: positionOf(mainText, "payments.charge {", 9),
    });
    expect(after.items.map((i) => i.label)).toContain("refund");
  });

  it("falls back to the file on disk when the buffer closes", async () => {
    const v = client.change(mainUri, [{ text: `${mainText}\nservice {` }]);
    await client.diagnostics(
      mainUri,
      (p) => p.version === v && p.diagnostics.some((d) => d.code === "E0110"),
    );
    const onDisk = client.nextDiagnostics(mainUri, (p) => !p.diagnostics.some((d) => d.code === "E0110"));
    client.close(mainUri);
    expect((await onDisk).diagnostics.map((d) => d.code)).toContain("unprotected-call");
  });

  it("picks up a file created on disk (watched files) and the files importing it", async () => {
    const extra = path.join(root, "shipping.arch");
    writeFileSync(
      extra,
      'import "./types.arch"\nservice shipping { api v1 { op ship: Order -> Shipment } }\n',
    );
    const extraUri = uriOf(extra);
    const published = client.nextDiagnostics(extraUri);
    void client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: extraUri, type: 1 }],
    });
    const p = await published;
    expect(p.diagnostics.map((d) => d.message).join("\n")).toMatch(/Shipment/);
  });

  it("checks a file opened from outside every workspace folder on its own", async () => {
    const outside = mkdtempSync(path.join(tmpdir(), "archc-lsp-outside-"));
    try {
      const file = path.join(outside, "lone.arch");
      writeFileSync(file, "service lone { calls nobody.op }\n");
      const uri = client.open(file);
      const p = await client.diagnostics(uri, (x) => x.diagnostics.length > 0);
      expect(p.diagnostics.map((d) => d.message).join("\n")).toMatch(/nobody/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("follows workspace folders added by the client", async () => {
    const added = mkdtempSync(path.join(tmpdir(), "archc-lsp-folder-"));
    try {
      const file = path.join(added, "extra.arch");
      writeFileSync(file, "type A { b: Missing }\n");
      const published = client.nextDiagnostics(uriOf(file), (x) => x.diagnostics.length > 0);
      void client.connection.sendNotification("workspace/didChangeWorkspaceFolders", {
        event: { added: [{ uri: uriOf(added), name: "added" }], removed: [] },
      });
      expect((await published).diagnostics.map((d) => d.message).join("\n")).toMatch(/Missing/);
    } finally {
      rmSync(added, { recursive: true, force: true });
    }
  });
});
