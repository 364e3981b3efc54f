// SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDE viewers): a rule table with every
// rule, one result per diagnostic with its region, related locations, fixes, and a code flow
// for model-checker traces. URIs are relative to the workspace root (`uriBaseId: ROOT`).

import { pathToFileURL } from "node:url";
import type { Diagnostic, Severity, Span } from "@archc/dsl";
import { PROJECT_URL } from "../rule.js";
import { type ReportContext, toolName } from "./report-context.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const ROOT = "ROOT";

type Json = { [key: string]: unknown };

function level(s: Severity): "error" | "warning" | "note" {
  return s === "info" ? "note" : s;
}

function region(span: Span): Json {
  return {
    startLine: span.line,
    startColumn: span.col,
    endLine: span.endLine,
    endColumn: Math.max(span.endCol, span.endLine === span.line ? span.col : 1),
    charOffset: span.start,
    charLength: Math.max(0, span.end - span.start),
  };
}

function artifact(file: string): Json {
  return { uri: encodeURI(file), uriBaseId: ROOT };
}

function physical(span: Span): Json {
  return { artifactLocation: artifact(span.file), region: region(span) };
}

export function toSarif(diagnostics: readonly Diagnostic[], ctx: ReportContext): Json {
  const rules: Json[] = ctx.metas.map((m) => ({
    id: m.id,
    name: m.id,
    shortDescription: { text: m.summary },
    helpUri: m.helpUri,
    help: { text: `${m.summary}. See ${m.helpUri}` },
    defaultConfiguration: { level: level(m.severity) },
    properties: { category: m.category, source: m.source },
  }));
  const ruleIndex = new Map(ctx.metas.map((m, i) => [m.id, i]));
  // Compiler codes join the table as they occur, so every result's ruleId is described.
  for (const d of diagnostics) {
    if (ruleIndex.has(d.code)) continue;
    ruleIndex.set(d.code, rules.length);
    const title = ctx.codeTitle?.(d.code) ?? d.code;
    rules.push({
      id: d.code,
      name: d.code,
      shortDescription: { text: title },
      help: { text: `${title}. Run \`archc explain ${d.code}\` for the full page.` },
      defaultConfiguration: { level: level(d.severity) },
      properties: { category: "compiler" },
    });
  }
  const results = diagnostics.map((d) => {
    const result: Json = {
      ruleId: d.code,
      ruleIndex: ruleIndex.get(d.code),
      level: level(d.severity),
      message: { text: d.help ? `${d.message}\nhelp: ${d.help}` : d.message },
      locations: [{ physicalLocation: physical(d.span) }],
      relatedLocations: d.related.map((r, i) => ({
        id: i + 1,
        physicalLocation: physical(r.span),
        message: { text: r.message },
      })),
      partialFingerprints: { primaryLocationLineHash: fingerprint(d) },
    };
    if (d.fixes && d.fixes.length > 0) {
      result.fixes = d.fixes.map((f) => ({
        description: { text: f.title },
        artifactChanges: groupByFile(f.edits.map((e) => e.span.file)).map((file) => ({
          artifactLocation: artifact(file),
          replacements: f.edits
            .filter((e) => e.span.file === file)
            .map((e) => ({ deletedRegion: region(e.span), insertedContent: { text: e.newText } })),
        })),
      }));
    }
    if (d.trace && d.trace.states.length > 0) {
      result.codeFlows = [
        {
          message: {
            text:
              d.trace.loopsTo === undefined
                ? "counterexample"
                : `lasso: loops back to state ${d.trace.loopsTo}`,
          },
          threadFlows: [
            {
              locations: d.trace.states.map((s) => ({
                executionOrder: s.index,
                location: {
                  ...(s.span ? { physicalLocation: physical(s.span) } : {}),
                  message: { text: s.action },
                },
                state: Object.fromEntries(
                  Object.entries(s.vars).map(([k, v]) => [k, { text: JSON.stringify(v) ?? "undefined" }]),
                ),
              })),
            },
          ],
        },
      ];
    }
    return result;
  });
  const run: Json = {
    tool: {
      driver: {
        name: toolName(ctx),
        version: ctx.toolVersion,
        semanticVersion: ctx.toolVersion,
        informationUri: PROJECT_URL,
        rules,
      },
    },
    columnKind: "utf16CodeUnits",
    results,
  };
  if (ctx.root !== undefined) {
    const uri = pathToFileURL(ctx.root).href;
    run.originalUriBaseIds = { [ROOT]: { uri: uri.endsWith("/") ? uri : `${uri}/` } };
  }
  return { $schema: SARIF_SCHEMA, version: "2.1.0", runs: [run] };
}

function groupByFile(files: readonly string[]): string[] {
  return [...new Set(files)];
}

/** Stable across runs and line moves: code, file and message (the message names the elements). */
function fingerprint(d: Diagnostic): string {
  let h = 2166136261;
  for (const ch of `${d.code}\u0000${d.span.file}\u0000${d.message}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}
