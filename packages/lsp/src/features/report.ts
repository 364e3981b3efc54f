// The system report the VS Code extension shows in a webview: a layered diagram of services,
// their synchronous calls, event flows and stores, followed by tables of services, stores,
// events and findings — all from the checked Model, as self-contained HTML (no scripts).

import * as path from "node:path";
import type { Model } from "@archc/compiler";
import type { Diagnostic } from "@archc/dsl";
import { emitDiagram } from "@archc/emitters";
import type { ReportResult } from "../protocol.js";
import type { Project } from "../workspace/project.js";

export interface ReportInput {
  readonly model?: Model;
  readonly diagnostics: readonly Diagnostic[];
  readonly entry: string;
  /** The system diagram as SVG markup (the `archc emit diagram` one); drawn here when absent. */
  readonly diagram?: string;
}

const BOX_W = 168;
const BOX_H = 46;
const GAP_X = 36;
const GAP_Y = 70;
const MARGIN = 24;

function esc(s: string | number | undefined): string {
  return String(s ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Depth of each service in the synchronous call graph (callers above callees), cycle-safe. */
function layers(model: Model): Map<string, number> {
  const names = Object.keys(model.services);
  const depth = new Map(names.map((n) => [n, 0]));
  for (let round = 0; round < names.length; round++) {
    let changed = false;
    for (const n of names)
      for (const callee of model.index.callees[n] ?? []) {
        const want = (depth.get(n) ?? 0) + 1;
        if (depth.has(callee) && (depth.get(callee) ?? 0) < want && want < names.length) {
          depth.set(callee, want);
          changed = true;
        }
      }
    if (!changed) break;
  }
  return depth;
}

export function diagramSvg(model: Model): string {
  const depth = layers(model);
  const rows: string[][] = [];
  for (const [name, d] of [...depth].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    rows[d] = rows[d] ?? [];
    rows[d].push(name);
  }
  const stores = Object.keys(model.stores).sort();
  if (stores.length > 0) rows.push(stores.map((s) => `store:${s}`));
  const at = new Map<string, { x: number; y: number }>();
  const width = Math.max(1, ...rows.map((r) => r?.length ?? 0)) * (BOX_W + GAP_X) - GAP_X + 2 * MARGIN;
  rows.forEach((row, r) => {
    const rowWidth = (row?.length ?? 0) * (BOX_W + GAP_X) - GAP_X;
    const x0 = (width - rowWidth) / 2;
    for (const [i, id] of (row ?? []).entries())
      at.set(id, { x: x0 + i * (BOX_W + GAP_X), y: MARGIN + r * (BOX_H + GAP_Y) });
  });
  const height = MARGIN * 2 + rows.length * (BOX_H + GAP_Y) - GAP_Y;

  const edges: string[] = [];
  const line = (from: string, to: string, cls: string, label?: string) => {
    const a = at.get(from);
    const b = at.get(to);
    if (!a || !b || from === to) return;
    const x1 = a.x + BOX_W / 2;
    const y1 = a.y + (b.y > a.y ? BOX_H : b.y < a.y ? 0 : BOX_H / 2);
    const x2 = b.x + BOX_W / 2;
    const y2 = b.y + (b.y > a.y ? 0 : b.y < a.y ? BOX_H : BOX_H / 2);
    edges.push(
      `<line class="${cls}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" marker-end="url(#arrow)"><title>${esc(label ?? `${from} → ${to}`)}</title></line>`,
    );
  };
  for (const [name, svc] of Object.entries(model.services)) {
    for (const callee of model.index.callees[name] ?? [])
      line(name, callee, "sync", `${name} calls ${callee}`);
    for (const u of svc.uses) line(name, `store:${u.store}`, "uses", `${name} uses ${u.store} (${u.mode})`);
    for (const p of svc.publishes)
      for (const c of model.index.consumers[p.event] ?? [])
        line(name, c.service, "async", `${p.event}: ${name} → ${c.service}`);
  }
  const boxes = [...at].map(([id, { x, y }]) => {
    const isStore = id.startsWith("store:");
    const name = isStore ? id.slice(6) : id;
    const sub = isStore
      ? model.stores[name]?.kind
      : (model.services[name]?.tech ?? `${model.services[name]?.apis.length ?? 0} api`);
    return `<g class="${isStore ? "store" : "service"}"><rect x="${x}" y="${y}" width="${BOX_W}" height="${BOX_H}" rx="${isStore ? 14 : 4}"/><text x="${x + BOX_W / 2}" y="${y + 20}">${esc(name)}</text><text class="sub" x="${x + BOX_W / 2}" y="${y + 36}">${esc(sub)}</text></g>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${Math.max(height, 60)}" width="${width}" height="${Math.max(height, 60)}" role="img" aria-label="system diagram">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>
${edges.join("\n")}
${boxes.join("\n")}
</svg>`;
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '<p class="empty">none</p>';
  const head = headers.map((h) => `<th>${esc(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const list = (xs: readonly string[]) => esc(xs.join(", "));

export function reportHtml(input: ReportInput): string {
  const { model } = input;
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of input.diagnostics) counts[d.severity]++;
  const findings = table(
    ["code", "severity", "where", "message"],
    input.diagnostics.map((d) => [
      esc(d.code),
      esc(d.severity),
      esc(`${d.span.file}:${d.span.line}:${d.span.col}`),
      esc(d.message),
    ]),
  );
  if (!model) {
    return page(
      input.entry,
      `<p>The model could not be built for <code>${esc(input.entry)}</code>.</p><h2>Diagnostics</h2>${findings}`,
    );
  }
  const services = table(
    ["service", "owner", "tech", "APIs", "calls", "uses", "publishes", "consumes"],
    Object.values(model.services).map((s) => [
      `<b>${esc(s.name)}</b>${s.title ? `<br><span class="sub">${esc(s.title)}</span>` : ""}`,
      esc(s.owner),
      esc(s.tech),
      s.apis.map((a) => `${esc(a.name)} (${a.ops.length} op${a.ops.length === 1 ? "" : "s"})`).join("<br>"),
      list(s.calls.map((c) => c.op ?? c.toService)),
      list(s.uses.map((u) => (u.mode === "readwrite" ? u.store : `${u.store} (${u.mode})`))),
      list(s.publishes.map((p) => p.event)),
      list(s.consumes.map((c) => c.event)),
    ]),
  );
  const stores = table(
    ["store", "kind", "used by"],
    Object.values(model.stores).map((s) => [
      esc(s.name),
      esc(s.kind),
      list((model.index.storeUsers[s.name] ?? []).map((u) => `${u.service} (${u.mode})`)),
    ]),
  );
  const events = table(
    ["event", "topic", "published by", "consumed by"],
    Object.values(model.events).map((e) => [
      esc(e.name),
      esc(e.topic),
      list(model.index.producers[e.name] ?? []),
      list((model.index.consumers[e.name] ?? []).map((c) => c.service)),
    ]),
  );
  const summary = `${Object.keys(model.services).length} services · ${Object.keys(model.ops).length} ops · ${Object.keys(model.stores).length} stores · ${Object.keys(model.events).length} events · ${counts.error} errors, ${counts.warning} warnings, ${counts.info} infos`;
  return page(
    model.system.title ?? model.system.name,
    `<p class="summary">${esc(summary)}</p>
<div class="diagram">${input.diagram ?? diagramSvg(model)}</div>
<p class="legend"><span class="k sync"></span> synchronous call <span class="k async"></span> event <span class="k uses"></span> store use</p>
<h2>Services</h2>${services}
<h2>Stores</h2>${stores}
<h2>Events</h2>${events}
<h2>Findings</h2>${findings}`,
  );
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;">
<title>${esc(title)}</title>
<style>
body { font-family: var(--vscode-font-family, sans-serif); color: var(--vscode-foreground, #222); background: var(--vscode-editor-background, #fff); padding: 0 1.5em; }
table { border-collapse: collapse; margin: .5em 0 1.5em; }
th, td { border: 1px solid #8884; padding: .25em .6em; text-align: left; vertical-align: top; }
.sub { opacity: .7; font-size: 85%; }
.diagram { overflow: auto; border: 1px solid #8884; }
svg text { text-anchor: middle; font-size: 13px; fill: currentColor; }
svg text.sub { font-size: 11px; }
svg rect { fill: #4a90d922; stroke: #4a90d9; }
svg .store rect { fill: #e0a23022; stroke: #e0a230; }
svg line { stroke: #888; stroke-width: 1.4; }
svg line.async { stroke-dasharray: 5 4; stroke: #5aa05a; }
svg line.uses { stroke-dasharray: 2 3; stroke: #e0a230; }
svg marker path { fill: #888; }
.legend .k { display: inline-block; width: 2em; border-top: 2px solid #888; margin: 0 .3em .25em 1em; }
.legend .async { border-top: 2px dashed #5aa05a; } .legend .uses { border-top: 2px dotted #e0a230; }
</style></head>
<body><h1>${esc(title)}</h1>
${body}
</body></html>
`;
}

/**
 * The report of the compilation holding `file` (the first compilation when absent), with the
 * diagram `archc emit diagram` draws (ELK layout); the simple layered drawing above stands in if
 * that fails, so the report always has a picture.
 */
export async function buildReport(project: Project, file: string | undefined): Promise<ReportResult> {
  const snap = project.checkedSnapshot();
  const c = snap.compilations.find((x) => file === undefined || x.files.has(file)) ?? snap.compilations[0];
  if (!c) return { title: "archc", html: reportHtml({ diagnostics: [], entry: "(no .arch files)" }) };
  let diagram: string | undefined;
  if (c.model) {
    try {
      diagram = stripXmlProlog(await emitDiagram(c.model, { format: "svg" }));
    } catch {
      diagram = undefined;
    }
  }
  const html = reportHtml({
    model: c.model,
    diagnostics: c.diagnostics,
    entry: path.relative(c.folder, c.entry),
    ...(diagram ? { diagram } : {}),
  });
  return { title: c.model?.system.name || path.basename(c.entry), html };
}

/** An SVG document's XML declaration and comments before `<svg` do not belong inside HTML. */
function stripXmlProlog(svg: string): string {
  const at = svg.indexOf("<svg");
  return at > 0 ? svg.slice(at) : svg;
}
