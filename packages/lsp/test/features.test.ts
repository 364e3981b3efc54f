// Every language feature, exercised through a real LSP client (vscode-jsonrpc over stdio)
// against the server started from source, on the fixture workspace in fixtures/shop.

import { readFileSync } from "node:fs";
import * as path from "node:path";
import { checkModel } from "@archc/checker";
import { compilePaths } from "@archc/compiler";
import type {
  CodeAction,
  CompletionList,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Range,
  SemanticTokens,
  TextEdit,
  WorkspaceEdit,
  WorkspaceSymbol,
} from "vscode-languageserver-protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEdits, editsFor } from "./support/edits.js";
import { fixtures, LspTestClient, positionOf, uriOf } from "./support/lsp-client.js";

const root = path.join(fixtures, "shop");
const files = {
  main: path.join(root, "main.arch"),
  types: path.join(root, "types.arch"),
  payments: path.join(root, "payments.arch"),
};
const text = {
  main: readFileSync(files.main, "utf8"),
  types: readFileSync(files.types, "utf8"),
  payments: readFileSync(files.payments, "utf8"),
};
const uri = { main: uriOf(files.main), types: uriOf(files.types), payments: uriOf(files.payments) };

let client: LspTestClient;

beforeAll(async () => {
  ({ client } = await LspTestClient.start(root));
  client.open(files.main);
  client.open(files.payments);
});
afterAll(async () => {
  expect(client.alive).toBe(true);
  expect(client.errorLog).toEqual([]);
  // Compile and check ran on the checker thread, not on the server's.
  expect(client.log.filter((m) => m.includes("server thread"))).toEqual([]);
  expect(await client.stop()).toBe(0);
});

const at = (doc: keyof typeof files, needle: string, delta = 0, nth = 0) => ({
  textDocument: { uri: uri[doc] },
  position: positionOf(text[doc], needle, delta, nth),
});

const rangeText = (doc: string, r: Range) => {
  const lines = doc.split("\n");
  return lines[r.start.line].slice(
    r.start.character,
    r.start.line === r.end.line ? r.end.character : undefined,
  );
};

describe("diagnostics", () => {
  it("publishes the codes and ranges archc check reports, for every file of the workspace", async () => {
    const published = await client.diagnostics(uri.main, (p) => p.diagnostics.length > 0);
    const expected = checkModel(compilePaths([files.main], { root })).diagnostics.filter(
      (d) => d.span.file === "main.arch",
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(
      published.diagnostics.map((d) => [
        d.code,
        d.range.start.line + 1,
        d.range.start.character + 1,
        d.range.end.line + 1,
        d.range.end.character + 1,
      ]),
    ).toEqual(expected.map((d) => [d.code, d.span.line, d.span.col, d.span.endLine, d.span.endCol]));
    expect(published.diagnostics.every((d) => d.source === "archc")).toBe(true);
    expect(published.diagnostics.map((d) => d.code)).toContain("unprotected-call");
    const payments = await client.diagnostics(uri.payments);
    expect(payments.diagnostics).toEqual([]);
  });

  it("republishes as the buffer changes (debounced), with the document version and related ranges", async () => {
    const broken = `${text.main}\ntype Money { cents: int }\n`;
    // main.arch loads first, so the copy in types.arch is the duplicate; it points back here.
    const inTypes = client.nextDiagnostics(uri.types, (x) =>
      x.diagnostics.some((d) => /Money/.test(d.message)),
    );
    const version = client.change(uri.main, [{ text: broken }]);
    await client.nextDiagnostics(uri.main, (x) => x.version === version);
    const dup = (await inTypes).diagnostics.find((d) => /Money/.test(d.message) && d.severity === 1);
    expect(rangeText(text.types, dup!.range)).toBe("Money");
    expect(dup?.relatedInformation?.[0].location.uri).toBe(uri.main);
    expect(dup!.relatedInformation![0].location.range.start.line).toBe(broken.split("\n").length - 2);

    const back = client.change(uri.main, [{ text: text.main }]);
    const fixed = await client.nextDiagnostics(uri.main, (x) => x.version === back);
    expect(fixed.diagnostics.some((d) => /Money/.test(d.message))).toBe(false);
  });

  it("reports syntax errors of a half-typed line without losing the rest of the file", async () => {
    const half = text.main.replace("publishes OrderPlaced", "publishes OrderPlaced\n  calls payments.");
    const version = client.change(uri.main, [{ text: half }]);
    const p = await client.nextDiagnostics(uri.main, (x) => x.version === version);
    expect(p.diagnostics.some((d) => d.code === "E0110")).toBe(true);
    const hover = await client.request<Hover>("textDocument/hover", {
      textDocument: { uri: uri.main },
      position: positionOf(half, "uses orders-db", 6),
    });
    expect(JSON.stringify(hover)).toContain("store orders-db: postgres");
    const restored = client.change(uri.main, [{ text: text.main }]);
    await client.nextDiagnostics(uri.main, (x) => x.version === restored);
  });
});

describe("hover", () => {
  const hover = async (doc: keyof typeof files, needle: string, delta = 0) =>
    (await client.request<Hover>("textDocument/hover", at(doc, needle, delta))) ?? undefined;
  const value = (h: Hover | undefined) => (h?.contents as { value: string } | undefined)?.value ?? "";

  it("shows an op's signature, binding and doc on a reference in another file", async () => {
    const h = await hover("main", "payments.charge {", 10);
    expect(value(h)).toContain("op charge: Order -> Payment ! Declined");
    expect(value(h)).toContain('POST "/charges"');
    expect(value(h)).toContain("Charges the customer for an order");
    expect(rangeText(text.main, h!.range!)).toBe("charge");
  });

  it("shows a type with its fields and doc", async () => {
    const h = await hover("main", "op reject: Order", 11);
    expect(value(h)).toContain("type Order {\n  id: uuid\n  customer: uuid\n  total: Money\n}");
    expect(value(h)).toContain("An order as the order service stores it");
  });

  it("shows an event with its payload, and a service with its APIs", async () => {
    expect(value(await hover("main", "publishes OrderPlaced", 11))).toContain(
      "event OrderPlaced: Order on order-events",
    );
    const svc = value(await hover("main", "saga place-order(PlaceOrder) by orders", 35));
    expect(svc).toContain('service orders "Order service"');
    expect(svc).toContain("Order lifecycle from creation to fulfilment");
  });

  it("shows the finding and its rule's text over a finding", async () => {
    const h = value(await hover("main", "calls payments.refund", 8));
    expect(h).toContain("**unprotected-call** (warning)");
    expect(h).toMatch(/unprotected-call\*\* — .*timeout/);
  });
});

describe("navigation", () => {
  it("goes to the definition of an op, a type and a step across files", async () => {
    const op = await client.request<Location[]>(
      "textDocument/definition",
      at("main", "payments.charge {", 10),
    );
    expect(op.map((l) => [l.uri, rangeText(text.payments, l.range)])).toEqual([[uri.payments, "charge"]]);
    const type = await client.request<Location[]>(
      "textDocument/definition",
      at("main", "PlaceOrder -> Order", 3),
    );
    expect(type.map((l) => [l.uri, rangeText(text.types, l.range)])).toEqual([[uri.types, "PlaceOrder"]]);
    const step = await client.request<Location[]>(
      "textDocument/definition",
      at("main", "inventory.reserve(create)", 19),
    );
    expect(step[0].range.start.line).toBe(positionOf(text.main, "step create").line);
  });

  it("follows an import to its file", async () => {
    const imp = await client.request<Location[]>(
      "textDocument/definition",
      at("main", '"./payments.arch"', 3),
    );
    expect(imp[0].uri).toBe(uri.payments);
  });

  it("finds every reference to a service across files", async () => {
    const refs = await client.request<Location[]>("textDocument/references", {
      ...at("payments", "service payments", 9),
      context: { includeDeclaration: true },
    });
    const where = refs.map((l) => `${path.basename(l.uri)}:${l.range.start.line + 1}`).sort();
    // The declaration, `calls payments.charge`, `calls payments.refund`, the flow and the saga step.
    expect(where).toEqual([
      "main.arch:24",
      "main.arch:35",
      "main.arch:39",
      "main.arch:44",
      "payments.arch:3",
    ]);
  });
});

describe("rename", () => {
  const renameAt = (doc: keyof typeof files, needle: string, delta: number, newName: string) =>
    client.request<WorkspaceEdit>("textDocument/rename", { ...at(doc, needle, delta), newName });

  it("prepares with the name's range", async () => {
    const r = await client.request<{ range: Range; placeholder: string }>(
      "textDocument/prepareRename",
      at("main", "payments.charge {", 11),
    );
    expect(r.placeholder).toBe("charge");
    expect(rangeText(text.main, r.range)).toBe("charge");
  });

  it("renames an op everywhere and the result checks cleanly", async () => {
    const edit = await renameAt("main", "payments.charge {", 10, "bill");
    const main = applyEdits(text.main, editsFor(edit, uri.main));
    const payments = applyEdits(text.payments, editsFor(edit, uri.payments));
    expect(main).not.toMatch(/payments\.charge/);
    expect(main.match(/payments\.bill/g)).toHaveLength(3);
    expect(payments).toContain("op bill: Order -> Payment");
    // `step charge` is a different symbol and keeps its name.
    expect(main).toContain("step charge: payments.bill(create)");
  });

  it("renames a service, a type, an event, a store, a topic and a step", async () => {
    const cases: [keyof typeof files, string, number, string, RegExp][] = [
      ["payments", "service payments", 9, "billing", /\bbilling\b/g],
      ["main", "op reject: Order", 11, "Purchase", /\bPurchase\b/g],
      ["main", "publishes OrderPlaced", 11, "OrderCreated", /\bOrderCreated\b/g],
      ["main", "uses orders-db", 6, "orders-store", /\borders-store\b/g],
      ["main", "on order-events", 4, "orders-topic", /\borders-topic\b/g],
      ["main", "step create", 6, "open", /\bopen\b/g],
    ];
    for (const [doc, needle, delta, newName, pattern] of cases) {
      const edit = await renameAt(doc, needle, delta, newName);
      const all = Object.values(edit.changes ?? {}).flat();
      const texts = [uri.main, uri.types, uri.payments].map((u, i) =>
        applyEdits([text.main, text.types, text.payments][i], editsFor(edit, u)),
      );
      const found = texts.join("\n").match(pattern) ?? [];
      expect(found.length, newName).toBe(all.length);
      expect(all.length, newName).toBeGreaterThanOrEqual(2);
    }
  });

  it("refuses a name that is taken or not an identifier", async () => {
    await expect(renameAt("main", "op reject: Order", 11, "Payment")).rejects.toThrow(/already declared/);
    await expect(renameAt("main", "op reject: Order", 11, "not a name")).rejects.toThrow(/not a name/);
    await expect(renameAt("main", "step create", 6, "input")).rejects.toThrow(/input/);
  });
});

describe("completion", () => {
  const complete = async (doc: string, needle: string, delta = needle.length) => {
    const version = client.change(uri.main, [{ text: doc }]);
    const list = await client.request<CompletionList>("textDocument/completion", {
      textDocument: { uri: uri.main },
      position: positionOf(doc, needle, delta),
    });
    void version;
    return list.items.map((i) => i.label);
  };
  afterAll(() => {
    client.change(uri.main, [{ text: text.main }]);
  });

  it("offers services after `calls `, that service's ops after `payments.`", async () => {
    const doc = text.main.replace("publishes OrderPlaced", "publishes OrderPlaced\n  calls ");
    const services = await complete(doc, "OrderPlaced\n  calls ");
    expect(services).toEqual(expect.arrayContaining(["orders", "inventory", "payments"]));
    expect(services).not.toContain("Order");

    const dotted = text.main.replace("publishes OrderPlaced", "publishes OrderPlaced\n  calls payments.");
    expect(await complete(dotted, "calls payments.", 15)).toEqual(["charge", "refund", "v1"]);
  });

  it("offers types (and primitives) in a type position, stores after `uses`", async () => {
    const doc = text.main.replace("op reject: Order -> unit", "op reject: Order -> unit\n    op audit: ");
    const types = await complete(doc, "op audit: ");
    expect(types).toEqual(
      expect.arrayContaining(["Order", "Money", "OrderId", "OutOfStock", "uuid", "list"]),
    );
    expect(types).not.toContain("orders");
    const partial = text.main.replace("uses orders-db", "uses ord");
    expect(await complete(partial, "uses ord")).toEqual(["orders-db"]);
  });

  it("offers the keywords valid in a block", async () => {
    const doc = text.main.replace(
      '  health "/health"\n  uses orders-db',
      '  health "/health"\n  \n  uses orders-db',
    );
    const words = await complete(doc, '"/health"\n  ');
    expect(words).toEqual(expect.arrayContaining(["calls", "uses", "api", "publishes", "replicas"]));
    expect(words).not.toContain("service");
    const top = await complete(`${text.main}\n`, `${text.main}\n`);
    expect(top).toEqual(expect.arrayContaining(["service", "type", "saga", "flow", "import"]));
  });

  it("offers the saga's earlier steps as a source", async () => {
    const doc = text.main.replace("payments.charge(create)", "payments.charge(");
    expect(await complete(doc, "payments.charge(", 16)).toEqual(
      expect.arrayContaining(["create", "reserve", "input"]),
    );
  });
});

describe("symbols, folding, semantic tokens", () => {
  it("outlines a file hierarchically", async () => {
    const symbols = await client.request<DocumentSymbol[]>("textDocument/documentSymbol", {
      textDocument: { uri: uri.main },
    });
    const names = symbols.map((s) => s.name);
    expect(names).toEqual([
      "shop",
      "orders-db",
      "bus",
      "order-events",
      "OrderPlaced",
      "orders",
      "inventory",
      "checkout",
      "place-order",
    ]);
    const orders = symbols.find((s) => s.name === "orders")!;
    expect(orders.children?.[0].name).toBe("v1");
    expect(orders.children?.[0].children?.map((c) => c.name)).toEqual(["place", "get", "reject"]);
    expect(symbols.find((s) => s.name === "place-order")?.children?.map((c) => c.name)).toEqual([
      "create",
      "reserve",
      "charge",
    ]);
  });

  it("finds symbols across the workspace", async () => {
    const found = await client.request<WorkspaceSymbol[]>("workspace/symbol", { query: "charge" });
    expect(found.map((s) => s.name)).toContain("payments.charge");
    const types = await client.request<WorkspaceSymbol[]>("workspace/symbol", { query: "Reservation" });
    expect(types.map((s) => [s.name, path.basename((s.location as Location).uri)])).toEqual([
      ["Reservation", "types.arch"],
    ]);
  });

  it("folds blocks and comment runs", async () => {
    const ranges = await client.request<FoldingRange[]>("textDocument/foldingRange", {
      textDocument: { uri: uri.main },
    });
    const service = positionOf(text.main, 'service orders "Order service" {').line;
    const serviceEnd = positionOf(text.main, "publishes OrderPlaced\n}").line;
    const api = positionOf(text.main, "api v1 rest {").line;
    expect(ranges).toContainEqual({ startLine: service, endLine: serviceEnd });
    expect(ranges).toContainEqual({ startLine: api, endLine: api + 4 });
    expect(ranges).toContainEqual({ startLine: 1, endLine: 2, kind: "imports" });
  });

  it("classifies names by what they are", async () => {
    const legend = [
      "class",
      "namespace",
      "method",
      "struct",
      "type",
      "enum",
      "enumMember",
      "event",
      "variable",
      "function",
      "parameter",
      "interface",
      "property",
      "keyword",
      "string",
      "number",
      "operator",
    ];
    const tokens = await client.request<SemanticTokens>("textDocument/semanticTokens/full", {
      textDocument: { uri: uri.main },
    });
    const decoded: { text: string; type: string; mods: number }[] = [];
    let line = 0;
    let char = 0;
    const lines = text.main.split("\n");
    for (let i = 0; i < tokens.data.length; i += 5) {
      const [dl, dc, len, type, mods] = tokens.data.slice(i, i + 5);
      line += dl;
      char = dl === 0 ? char + dc : dc;
      decoded.push({ text: lines[line].slice(char, char + len), type: legend[type], mods });
    }
    const kind = (t: string) => decoded.filter((d) => d.text === t).map((d) => d.type);
    expect(kind("payments")).toEqual(["class", "class", "class", "class"]);
    // `step charge` declares a saga step; `payments.charge` references the op.
    expect(kind("charge")).toEqual(["method", "method", "parameter", "method"]);
    expect(kind("OrderPlaced")).toContain("event");
    expect(kind("uuid")).toEqual([]);
    expect(kind("service")).toEqual(["keyword", "keyword"]);
    expect(decoded.find((d) => d.text === "PlaceOrder")?.type).toBe("struct");
  });
});

describe("formatting and code actions", () => {
  it("formats with the archc fmt formatter, and leaves a broken file alone", async () => {
    const messy = text.payments
      .replace("service payments {", "service   payments{")
      .replace("  image", "image");
    client.change(uri.payments, [{ text: messy }]);
    const edits = await client.request<TextEdit[]>("textDocument/formatting", {
      textDocument: { uri: uri.payments },
      options: { tabSize: 2, insertSpaces: true },
    });
    expect(edits).toHaveLength(1);
    const formatted = applyEdits(messy, edits);
    expect(formatted).toContain("service payments {\n  image");
    client.change(uri.payments, [{ text: `${messy}\nservice {` }]);
    const none = await client.request<TextEdit[]>("textDocument/formatting", {
      textDocument: { uri: uri.payments },
      options: { tabSize: 2, insertSpaces: true },
    });
    expect(none).toEqual([]);
    client.change(uri.payments, [{ text: text.payments }]);
  });

  const actionsAt = async (doc: string, needle: string, delta = 0) => {
    const version = client.change(uri.main, [{ text: doc }]);
    await client.nextDiagnostics(uri.main, (p) => p.version === version);
    const pos = positionOf(doc, needle, delta);
    return client.request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri: uri.main },
      range: { start: pos, end: pos },
      context: { diagnostics: [] },
    });
  };

  it("fixes an unknown name with the did-you-mean suggestion", async () => {
    const typo = text.main.replace("calls payments.refund", "calls paymnts.refund");
    const actions = await actionsAt(typo, "paymnts", 2);
    const fix = actions.find((a) => a.title.includes("payments"));
    expect(fix?.kind).toBe("quickfix");
    expect(applyEdits(typo, editsFor(fix?.edit, uri.main))).toBe(text.main);
  });

  it("adds a timeout and a breaker to an unprotected call", async () => {
    const actions = await actionsAt(text.main, "calls payments.refund", 3);
    const fix = actions.find((a) => a.title.startsWith("Add a timeout"));
    expect(fix?.kind).toBe("quickfix");
    expect(fix?.diagnostics?.[0].code).toBe("unprotected-call");
    const fixed = applyEdits(text.main, editsFor(fix?.edit, uri.main));
    expect(fixed).toContain("calls payments.refund { timeout 1s  breaker 5 in 30s }");
    const version = client.change(uri.main, [{ text: fixed }]);
    const p = await client.nextDiagnostics(uri.main, (x) => x.version === version);
    expect(p.diagnostics.map((d) => d.code)).not.toContain("unprotected-call");
  });

  it("compensates a step with the service's existing undo op when it has one", async () => {
    const actions = await actionsAt(text.main, "step charge", 6);
    const fix = actions.find((a) => a.title.startsWith("Compensate step `charge`"));
    expect(fix?.diagnostics?.[0].code).toBe("saga-missing-compensation");
    const main = applyEdits(text.main, editsFor(fix?.edit, uri.main));
    expect(main).toContain("step charge: payments.charge(create) compensate payments.refund\n");
  });

  it("writes a compensation skeleton (the op and the compensate) when there is none", async () => {
    const noRefund = text.payments.replace("    op refund: Payment -> unit  idempotent\n", "");
    client.change(uri.payments, [{ text: noRefund }]);
    const doc = text.main.replace("calls payments.refund", "calls payments.charge");
    const actions = await actionsAt(doc, "step charge", 6);
    const fix = actions.find((a) => a.title.includes("compensation skeleton"));
    expect(fix?.diagnostics?.[0].code).toBe("saga-missing-compensation");
    const main = applyEdits(doc, editsFor(fix?.edit, uri.main));
    const payments = applyEdits(noRefund, editsFor(fix?.edit, uri.payments));
    expect(main).toContain("step charge: payments.charge(create) compensate payments.undo-charge");
    expect(payments).toContain("    op undo-charge: Payment -> unit idempotent\n  }");
    client.change(uri.payments, [{ text: payments }]);
    const version = client.change(uri.main, [{ text: main }]);
    const p = await client.nextDiagnostics(uri.main, (x) => x.version === version);
    expect(p.diagnostics.map((d) => d.code)).not.toContain("saga-missing-compensation");
    expect(p.diagnostics.filter((d) => d.severity === 1).map((d) => d.message)).toEqual([
      expect.stringContaining("declares no `calls` to inventory"),
    ]);
    client.change(uri.payments, [{ text: text.payments }]);
  });

  it("allows a finding with an archc-allow comment carrying the reason", async () => {
    const actions = await actionsAt(text.main, "calls payments.refund", 8);
    const allow = actions.find((a) => a.title.startsWith("Allow `unprotected-call`"));
    expect(allow?.command?.command).toBe("archc.allowFinding");
    const args = { ...(allow!.command!.arguments![0] as object), reason: "refunds are fire-and-forget" };
    const applied = await client.request<boolean>("workspace/executeCommand", {
      command: "archc.allowFinding",
      arguments: [args],
    });
    expect(applied).toBe(true);
    const edit = client.appliedEdits.at(-1) as { edit: WorkspaceEdit };
    const allowed = applyEdits(text.main, editsFor(edit.edit, uri.main));
    expect(allowed).toContain(
      "  // archc-allow unprotected-call: refunds are fire-and-forget\n  calls payments.refund",
    );
    const version = client.change(uri.main, [{ text: allowed }]);
    const p = await client.nextDiagnostics(uri.main, (x) => x.version === version);
    expect(p.diagnostics.map((d) => d.code)).not.toContain("unprotected-call");
    client.change(uri.main, [{ text: text.main }]);
  });
});

describe("report", () => {
  it("renders the system as HTML with a diagram and tables from the Model", async () => {
    const r = await client.request<{ title: string; html: string }>("archc/report", { uri: uri.main });
    expect(r.title).toBe("shop");
    expect(r.html).toContain("<svg");
    // The diagram is the one `archc emit diagram` draws (its title, its arrow markers), with a
    // box per service and store.
    expect(r.html).toContain("Online shop: services, stores, events and calls");
    expect(r.html).toContain('id="arrow-call"');
    for (const name of ["orders", "inventory", "payments", "orders-db"])
      expect(r.html).toContain(`>${name}<`);
    expect(r.html).toContain("<td>orders-db</td><td>postgres</td>");
    expect(r.html).toContain("unprotected-call");
  });
});
