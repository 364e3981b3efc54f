// The vocabulary of the symbol index: declarations and references with their spans.

import type * as A from "@archc/dsl";

export type SymbolKind =
  | "system"
  | "service"
  | "api"
  | "op"
  | "record"
  | "alias"
  | "enum"
  | "event"
  | "topic"
  | "store"
  | "broker"
  | "flow"
  | "saga"
  | "step"
  | "gateway"
  | "deploy";

/** Kinds that live in the one top-level namespace of a compilation. */
export const topLevelKinds: readonly SymbolKind[] = [
  "system",
  "service",
  "record",
  "alias",
  "enum",
  "event",
  "topic",
  "store",
  "broker",
  "flow",
  "saga",
  "gateway",
  "deploy",
];

export const typeKinds: readonly SymbolKind[] = ["record", "alias", "enum"];

export interface SymbolDecl {
  /** Identity across files: `top:orders`, `api:orders.v1`, `op:orders.v1.place`, `step:s.create`. */
  readonly key: string;
  readonly kind: SymbolKind;
  readonly name: string;
  /** Root-relative file of the declaration. */
  readonly file: string;
  readonly nameSpan: A.Span;
  readonly span: A.Span;
  /** The service of an api or op, the saga of a step. */
  readonly container?: string;
  /** The api of an op. */
  readonly api?: string;
  readonly doc?: string;
  readonly node: A.Decl | A.ApiDecl | A.OpDecl | A.SagaStep;
}

/** What a reference names, before resolution (it is resolved per compilation). */
export type RefTarget =
  /** A top-level name; `expect` says which kinds fit the position (for completion and checks). */
  | { readonly kind: "top"; readonly name: string; readonly expect: readonly SymbolKind[] }
  | { readonly kind: "api"; readonly service: string; readonly api: string }
  /** An op: `svc.op` (in the service's newest API) or `svc.api.op`. */
  | { readonly kind: "op"; readonly service: string; readonly api?: string; readonly op: string }
  | { readonly kind: "step"; readonly saga: string; readonly step: string };

export interface SymbolRef {
  readonly target: RefTarget;
  /** The span of the one name this reference is about (`charge` in `payments.charge`). */
  readonly span: A.Span;
  readonly file: string;
}

/** Everything one file declares and references. */
export interface FileSymbols {
  readonly file: string;
  readonly decls: readonly SymbolDecl[];
  readonly refs: readonly SymbolRef[];
}
