// One-line and block descriptions of declarations, printed from the source as the author wrote
// it (so they read like the file): `op charge: Order -> Payment ! Declined`, a record with its
// fields, a step with its op. Hover, completion details and the outline use them.

import type * as A from "@archc/dsl";
import type { SymbolDecl } from "./types.js";

/** Reads source text of spans in the files of one compilation. */
export type SourceOf = (span: A.Span | undefined) => string;

export function sourceReader(files: readonly { file: string; text: string }[]): SourceOf {
  const texts = new Map(files.map((f) => [f.file, f.text]));
  return (span) => {
    if (!span || !Number.isFinite(span.start) || !Number.isFinite(span.end)) return "?";
    const text = texts.get(span.file);
    return text === undefined ? "?" : squash(text.slice(span.start, span.end));
  };
}

function squash(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/** `charge: Order -> Payment ! Declined` */
export function opSignature(op: A.OpDecl, src: SourceOf): string {
  const errors = (op.errors ?? []).map((e) => e?.text).filter(Boolean);
  const errs = errors.length > 0 ? ` ! ${errors.join(" | ")}` : "";
  return `${op.name?.text ?? "?"}: ${src(op.domain?.span)} -> ${src(op.codomain?.span)}${errs}`;
}

function opDetails(op: A.OpDecl, src: SourceOf): string {
  const parts: string[] = [];
  if (op.http) parts.push(`${op.http.method?.text ?? ""} ${src(op.http.path?.span)}`);
  for (const m of op.modifiers ?? []) {
    if (!m) continue;
    parts.push(m.kind === "Flag" ? (m.name?.text ?? "") : `${m.key?.text ?? ""} ${src(m.value?.span)}`);
  }
  return parts.filter(Boolean).join(" · ");
}

function sagaCall(call: A.SagaCall | undefined, src: SourceOf): string {
  if (!call) return "?";
  const source = call.source?.text ? `(${call.source.text})` : "";
  return `${src(call.ref?.span)}${source}`;
}

/** The declaration as code, for a hover's code block. */
export function declarationCode(d: SymbolDecl, src: SourceOf): string {
  const n = d.node;
  switch (n.kind) {
    case "Op":
      return `op ${opSignature(n, src)}`;
    case "Type": {
      const fields = (n.fields ?? []).filter(Boolean).map((f) => {
        const name = f.name?.kind === "String" ? JSON.stringify(f.name.value) : (f.name?.text ?? "?");
        return `  ${name}${f.optional ? "?" : ""}: ${src(f.type?.span)}`;
      });
      return fields.length === 0 ? `type ${d.name} { }` : `type ${d.name} {\n${fields.join("\n")}\n}`;
    }
    case "Alias":
      return `type ${d.name} = ${src(n.target?.span)}`;
    case "Enum":
      return `enum ${d.name} { ${(n.members ?? [])
        .map((m) => m?.text)
        .filter(Boolean)
        .join(", ")} }`;
    case "Event":
      return `event ${d.name}: ${src(n.payload?.span)}${n.topic?.text ? ` on ${n.topic.text}` : ""}`;
    case "Store":
      return `store ${d.name}: ${n.storeKind?.text ?? "?"}`;
    case "Broker":
      return `broker ${d.name}: ${n.brokerKind?.text ?? "?"}`;
    case "Topic":
      return `topic ${d.name}${n.broker?.text ? ` on ${n.broker.text}` : ""}`;
    case "Service":
      return `service ${d.name}${n.title ? ` ${JSON.stringify(n.title.value)}` : ""}`;
    case "Api":
      return `api ${d.name}${n.protocol?.text ? ` ${n.protocol.text}` : ""}`;
    case "Flow":
      return `flow ${d.name}${n.signature ? `: ${src(n.signature.domain?.span)} -> ${src(n.signature.codomain?.span)}` : ""} = ${src(n.body?.span)}`;
    case "Saga":
      return `saga ${d.name}(${src(n.input?.span)})${n.by?.text ? ` by ${n.by.text}` : ""}`;
    case "Step": {
      const comp = n.compensation ? ` compensate ${sagaCall(n.compensation, src)}` : "";
      return `${n.role ?? "step"} ${d.name}: ${sagaCall(n.action, src)}${comp}${n.retriable ? " retriable" : ""}`;
    }
    case "System":
      return `system ${d.name}${n.title ? ` ${JSON.stringify(n.title.value)}` : ""}`;
    case "Gateway":
      return `gateway ${d.name}`;
    case "Deploy":
      return `deploy ${d.name}`;
    default:
      return d.name;
  }
}

/** A short detail line for completion items and the outline. */
export function declarationDetail(d: SymbolDecl, src: SourceOf): string {
  const n = d.node;
  switch (n.kind) {
    case "Op": {
      const sig = opSignature(n, src);
      return sig.slice(sig.indexOf(":") + 2);
    }
    case "Api":
      return `${d.container}.${d.name}${n.protocol?.text ? ` (${n.protocol.text})` : ""}`;
    case "Step":
      return sagaCall(n.action, src);
    case "Service":
      return n.title?.value ?? "service";
    default: {
      const code = declarationCode(d, src);
      const firstLine = code.split("\n")[0];
      return firstLine.length > 80 ? `${firstLine.slice(0, 79)}…` : firstLine;
    }
  }
}

/** Extra lines under the code block (HTTP binding, modifiers, a service's APIs). */
export function declarationFacts(d: SymbolDecl, src: SourceOf): string[] {
  const n = d.node;
  switch (n.kind) {
    case "Op": {
      const details = opDetails(n, src);
      return [`op of \`${d.container}.${d.api}\``, ...(details ? [details] : [])];
    }
    case "Service": {
      const facts: string[] = [];
      for (const m of n.members ?? []) {
        if (m?.kind === "Api") facts.push(`api \`${m.name?.text}\`: ${(m.ops ?? []).length} op(s)`);
      }
      const calls = (n.members ?? []).filter((m) => m?.kind === "Calls").length;
      const uses = (n.members ?? [])
        .filter((m) => m?.kind === "Uses")
        .map((m) => (m as A.UsesMember).store?.text);
      if (calls > 0) facts.push(`${calls} synchronous call(s)`);
      if (uses.length > 0) facts.push(`uses ${uses.map((u) => `\`${u}\``).join(", ")}`);
      return facts;
    }
    case "Api":
      return (n.ops ?? []).filter(Boolean).map((op) => `- \`${opSignature(op, src)}\``);
    case "Step":
      return [`step of saga \`${d.container}\``];
    default:
      return [];
  }
}
