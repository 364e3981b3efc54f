// Which APIs each service declares and which ops each API holds, and how an op reference
// (`svc.op`, `svc.api.op`) resolves against them. `svc.op` addresses the newest API: the
// highest `v<N>`; APIs not named `v<N>` rank below every version, and among equals the one
// declared last wins.

import type { Name, OpRef, Span } from "@archc/dsl";
import { type DiagnosticSink, present } from "../diagnostics.js";
import { lookup, type SymbolTable } from "./collect-decls.js";

export interface ApiEntry {
  readonly name: string;
  /** N for `vN`; undefined for other names. */
  readonly version: number | undefined;
  readonly nameSpan: Span;
  /** Op name → OpId ("service.api.op"), in declaration order. */
  readonly ops: Map<string, string>;
}

export function apiVersion(name: string): number | undefined {
  const m = /^v(\d+)$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

function rank(api: ApiEntry): number {
  return api.version ?? -1;
}

export class ApiTable {
  private readonly byService = new Map<string, ApiEntry[]>();
  private readonly newestByService = new Map<string, ApiEntry>();

  add(service: string, api: ApiEntry): void {
    const list = this.byService.get(service);
    if (list) list.push(api);
    else this.byService.set(service, [api]);
    const newest = this.newestByService.get(service);
    if (newest === undefined || rank(api) >= rank(newest)) this.newestByService.set(service, api);
  }

  apisOf(service: string): readonly ApiEntry[] {
    return this.byService.get(service) ?? [];
  }

  api(service: string, name: string): ApiEntry | undefined {
    return this.apisOf(service).find((a) => a.name === name);
  }

  newest(service: string): ApiEntry | undefined {
    return this.newestByService.get(service);
  }
}

/**
 * Resolves an op of a known service: `api` if written, the newest API otherwise. Reports an
 * unknown API (E0204) or op (E0203); when `svc.op` misses the newest API but an older one has
 * the op, says so and offers the explicit reference as a fix.
 */
export function resolveServiceOp(
  apis: ApiTable,
  sink: DiagnosticSink,
  service: string,
  api: Name | undefined,
  op: Name | undefined,
  refSpan: Span,
): string | undefined {
  if (!present(op)) return undefined;
  if (api !== undefined) {
    if (!present(api)) return undefined;
    const entry = apis.api(service, api.text);
    if (entry === undefined) {
      sink.unknown("E0204", "API", api, () => apis.apisOf(service).map((a) => a.name), {
        where: `of service \`${service}\``,
      });
      return undefined;
    }
    const id = entry.ops.get(op.text);
    if (id === undefined)
      sink.unknown("E0203", "op", op, () => entry.ops.keys(), { where: `in \`${service}.${entry.name}\`` });
    return id;
  }
  const newest = apis.newest(service);
  if (newest === undefined) {
    sink.error("E0203", op.span, `service \`${service}\` declares no API, so it has no op \`${op.text}\``, {
      help: `declare it: \`api v1 { op ${op.text}: … }\` inside \`service ${service}\``,
    });
    return undefined;
  }
  const id = newest.ops.get(op.text);
  if (id !== undefined) return id;
  const older = [...apis.apisOf(service)].reverse().find((a) => a !== newest && a.ops.has(op.text));
  if (older !== undefined) {
    const explicit = `${service}.${older.name}.${op.text}`;
    sink.error(
      "E0203",
      op.span,
      `\`${service}.${op.text}\` addresses the newest API \`${newest.name}\` of \`${service}\`, which has no op \`${op.text}\`; it is declared in \`${older.name}\``,
      {
        help: `write \`${explicit}\` to call the older version`,
        fixes: [{ title: `write \`${explicit}\``, edits: [{ span: refSpan, newText: explicit }] }],
      },
    );
    return undefined;
  }
  sink.unknown("E0203", "op", op, () => newest.ops.keys(), { where: `in \`${service}.${newest.name}\`` });
  return undefined;
}

/** Resolves `svc.op` / `svc.api.op` as written in a flow, saga or `calls`. */
export function resolveOpRefAst(
  symbols: SymbolTable,
  apis: ApiTable,
  sink: DiagnosticSink,
  ref: OpRef | undefined,
): string | undefined {
  if (ref === undefined) return undefined;
  const svc = lookup(symbols, sink, ref.service, ["service"], "service");
  if (svc === undefined) return undefined;
  return resolveServiceOp(apis, sink, svc.name, ref.api, ref.op, ref.span);
}
