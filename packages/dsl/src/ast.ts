// The typed syntax tree of one .arch file. Every node carries a precise span; the tree holds
// exactly what the author wrote (no resolution, no defaults) so the formatter can reprint it
// and the compiler can point back at it.

import type { Span } from "./span.js";

export interface Node {
  readonly span: Span;
}

/** An identifier as written (a name, or a keyword used where a name is expected). */
export interface Name extends Node {
  readonly kind: "Name";
  readonly text: string;
}

export interface StringLit extends Node {
  readonly kind: "String";
  /** The decoded value (escapes resolved). */
  readonly value: string;
}

/**
 * A number with an optional unit, written as one token: `42`, `0.25`, `500ms`, `20Gi`, `70%`,
 * `1000/hour`, `250m`. The unit is kept as written; its meaning depends on where it stands
 * (`m` is millicores under `cpu`, minutes elsewhere) and is read by `units.ts`.
 */
export interface Quantity extends Node {
  readonly kind: "Quantity";
  readonly value: number;
  /** `ms s m h d Ki Mi Gi Ti K M G T % /s /min /hour /day`, or "" for a plain number. */
  readonly unit: string;
  readonly raw: string;
}

/** `low..high` written as one token, e.g. `2..10`, `100ms..2s`. */
export interface Range extends Node {
  readonly kind: "Range";
  readonly low: Quantity;
  readonly high: Quantity;
}

export type Literal = StringLit | Quantity | Range;

/** `svc.op` or `svc.api.op`. */
export interface OpRef extends Node {
  readonly kind: "OpRef";
  readonly service: Name;
  readonly api?: Name;
  readonly op: Name;
}

// ---------------------------------------------------------------- types

export type TypeRef = NamedType | ListType | MapType | ProductType;

/** A primitive (`string`, `unit`, …) or a declared type; resolved by the compiler. */
export interface NamedType extends Node {
  readonly kind: "NamedType";
  readonly name: Name;
}
export interface ListType extends Node {
  readonly kind: "ListType";
  readonly element: TypeRef;
}
export interface MapType extends Node {
  readonly kind: "MapType";
  readonly key: TypeRef;
  readonly value: TypeRef;
}
/** `A * B * C`; a parenthesised product inside a product stays nested as written. */
export interface ProductType extends Node {
  readonly kind: "ProductType";
  readonly parts: readonly TypeRef[];
}

// ---------------------------------------------------------------- file

export interface SourceFileAst extends Node {
  readonly kind: "File";
  readonly path: string;
  readonly imports: readonly ImportDecl[];
  readonly decls: readonly Decl[];
  /** Every comment, in source order (the formatter re-attaches them). */
  readonly comments: readonly Comment[];
}

export interface Comment extends Node {
  readonly kind: "Comment";
  /** `line` is `// …`, `block` is `/* … *\/`, `doc` is `/// …`. */
  readonly style: "line" | "block" | "doc";
  readonly text: string;
}

export interface ImportDecl extends Node {
  readonly kind: "Import";
  readonly path: StringLit;
}

export type Decl =
  | SystemDecl
  | TypeDecl
  | AliasDecl
  | EnumDecl
  | StoreDecl
  | BrokerDecl
  | TopicDecl
  | EventDecl
  | ServiceDecl
  | FlowDecl
  | SagaDecl
  | GatewayDecl
  | DeployDecl
  | RulesDecl;

interface DeclBase extends Node {
  /** Text of the `///` comments right before the declaration, joined by newlines. */
  readonly doc?: string;
}

/** A `keyword value` property inside a block (`version "16"`, `size 20Gi`, `port 443`). */
export interface Property extends Node {
  readonly kind: "Property";
  readonly key: Name;
  readonly value: Literal | Name;
}

/** A keyword standing alone (`public`, `credentials`, `external`). */
export interface Flag extends Node {
  readonly kind: "Flag";
  readonly name: Name;
}

export type SimpleMember = Property | Flag;

export interface SystemDecl extends DeclBase {
  readonly kind: "System";
  readonly name: Name;
  readonly title?: StringLit;
  readonly props: readonly SimpleMember[];
}

export interface Field extends Node {
  readonly kind: "Field";
  /** A name, or a string for names that are not identifiers (`"content-type"`). */
  readonly name: Name | StringLit;
  readonly optional: boolean;
  readonly type: TypeRef;
  readonly doc?: string;
}

export interface TypeDecl extends DeclBase {
  readonly kind: "Type";
  readonly name: Name;
  readonly fields: readonly Field[];
}

export interface AliasDecl extends DeclBase {
  readonly kind: "Alias";
  readonly name: Name;
  readonly target: TypeRef;
}

export interface EnumDecl extends DeclBase {
  readonly kind: "Enum";
  readonly name: Name;
  readonly members: readonly Name[];
}

export interface StoreDecl extends DeclBase {
  readonly kind: "Store";
  readonly name: Name;
  readonly storeKind: Name;
  readonly props: readonly SimpleMember[];
}

export interface BrokerDecl extends DeclBase {
  readonly kind: "Broker";
  readonly name: Name;
  readonly brokerKind: Name;
  readonly props: readonly SimpleMember[];
}

export interface TopicDecl extends DeclBase {
  readonly kind: "Topic";
  readonly name: Name;
  readonly broker?: Name;
  readonly props: readonly SimpleMember[];
}

export interface EventDecl extends DeclBase {
  readonly kind: "Event";
  readonly name: Name;
  readonly payload: TypeRef;
  readonly topic?: Name;
}

// ---------------------------------------------------------------- services

export interface ServiceDecl extends DeclBase {
  readonly kind: "Service";
  readonly name: Name;
  readonly title?: StringLit;
  readonly members: readonly ServiceMember[];
}

export type ServiceMember =
  | SimpleMember
  | ReplicasMember
  | ResourcesMember
  | BalanceMember
  | EnvMember
  | SecretMember
  | UsesMember
  | ApiDecl
  | CallsMember
  | PublishesMember
  | ConsumesMember;

/** `replicas 3` or `replicas 2..10 cpu 70%`. */
export interface ReplicasMember extends Node {
  readonly kind: "Replicas";
  readonly count: Quantity | Range;
  readonly cpuTarget?: Quantity;
}

/** `resources { cpu 250m..500m  memory 256Mi..512Mi }` (a single value means request = limit). */
export interface ResourcesMember extends Node {
  readonly kind: "Resources";
  readonly cpu?: Quantity | Range;
  readonly memory?: Quantity | Range;
}

/** `balance round-robin | least-conn | random | hash FIELD`. */
export interface BalanceMember extends Node {
  readonly kind: "Balance";
  readonly strategy: Name;
  readonly hashField?: Name;
}

export interface EnvEntry extends Node {
  readonly kind: "EnvEntry";
  readonly key: Name;
  readonly value: Literal;
}

export interface EnvMember extends Node {
  readonly kind: "Env";
  readonly entries: readonly EnvEntry[];
}

/** `secret NAME from "secret-ref"`: a reference, never a value. */
export interface SecretMember extends Node {
  readonly kind: "Secret";
  readonly name: Name;
  readonly from: StringLit;
}

/** `uses STORE [read | write]`; without a mode the service owns the store (reads and writes). */
export interface UsesMember extends Node {
  readonly kind: "Uses";
  readonly store: Name;
  readonly mode?: Name;
}

export interface ApiDecl extends Node {
  readonly kind: "Api";
  readonly name: Name;
  readonly protocol?: Name;
  readonly ops: readonly OpDecl[];
  readonly doc?: string;
}

export interface HttpBinding extends Node {
  readonly kind: "Http";
  readonly method: Name;
  readonly path: StringLit;
}

export interface OpDecl extends Node {
  readonly kind: "Op";
  readonly name: Name;
  readonly domain: TypeRef;
  readonly codomain: TypeRef;
  readonly errors: readonly Name[];
  readonly http?: HttpBinding;
  /** `idempotent`, `readonly`, `tolerates-absent` as flags; `latency D` as a property. */
  readonly modifiers: readonly SimpleMember[];
  readonly doc?: string;
}

export interface CallsMember extends Node {
  readonly kind: "Calls";
  readonly target: OpRef;
  /** Policy: `timeout`, `per-try`, `retries`, `backoff`, `bulkhead` properties and `breaker`. */
  readonly policy: readonly PolicyItem[];
  /** True when a `{ }` block was written, even an empty one. */
  readonly hasBlock: boolean;
}

export type PolicyItem = SimpleMember | BreakerPolicy;

/** `breaker N in D`: open after N failures within D. */
export interface BreakerPolicy extends Node {
  readonly kind: "Breaker";
  readonly failures: Quantity;
  readonly window: Quantity;
}

export interface PublishesMember extends Node {
  readonly kind: "Publishes";
  readonly event: Name;
}

export interface ConsumesMember extends Node {
  readonly kind: "Consumes";
  readonly event: Name;
  /** `-> op` or `-> api.op` (an op of the consuming service). */
  readonly handler?: { readonly api?: Name; readonly op: Name; readonly span: Span };
}

// ---------------------------------------------------------------- flows

export type FlowExpr = FlowOp | FlowId | FlowSeq | FlowFanout | FlowPar;

export interface FlowOp extends Node {
  readonly kind: "FlowOp";
  readonly ref: OpRef;
}
export interface FlowId extends Node {
  readonly kind: "FlowId";
  readonly type: TypeRef;
}
/** `f ; g ; h` (at least two parts). Parenthesised sub-chains stay nested as written. */
export interface FlowSeq extends Node {
  readonly kind: "FlowSeq";
  readonly parts: readonly FlowExpr[];
}
/** `f & g` (at least two branches). */
export interface FlowFanout extends Node {
  readonly kind: "FlowFanout";
  readonly parts: readonly FlowExpr[];
}
/** `f * g` (at least two branches). */
export interface FlowPar extends Node {
  readonly kind: "FlowPar";
  readonly parts: readonly FlowExpr[];
}

export interface FlowDecl extends DeclBase {
  readonly kind: "Flow";
  readonly name: Name;
  readonly signature?: { readonly domain: TypeRef; readonly codomain: TypeRef; readonly span: Span };
  readonly body: FlowExpr;
  readonly by?: Name;
  readonly slo?: FlowSlo;
  /** True when a `{ }` block was written. */
  readonly hasBlock: boolean;
}

export interface FlowSlo extends Node {
  readonly kind: "Slo";
  readonly latency?: Quantity;
  readonly availability?: Quantity;
}

// ---------------------------------------------------------------- sagas

export interface SagaDecl extends DeclBase {
  readonly kind: "Saga";
  readonly name: Name;
  readonly input: TypeRef;
  readonly by?: Name;
  readonly items: readonly SagaItem[];
}

export type SagaItem = SagaStep | SagaParallel;

/** An op call with an optional source: `svc.op(create)`. */
export interface SagaCall extends Node {
  readonly kind: "SagaCall";
  readonly ref: OpRef;
  readonly source?: Name;
}

export interface SagaStep extends Node {
  readonly kind: "Step";
  /** `step` or `pivot`. */
  readonly role: "step" | "pivot";
  readonly name: Name;
  readonly action: SagaCall;
  readonly compensation?: SagaCall;
  readonly retriable: boolean;
  readonly doc?: string;
}

export interface SagaParallel extends Node {
  readonly kind: "Parallel";
  readonly steps: readonly SagaStep[];
}

// ---------------------------------------------------------------- gateway, deploy, rules

export interface GatewayDecl extends DeclBase {
  readonly kind: "Gateway";
  readonly name: Name;
  readonly members: readonly GatewayMember[];
}

export type GatewayMember = SimpleMember | AuthMember | CorsMember | RouteMember;

/** `auth jwt { issuer "…"  audience "…" }`. */
export interface AuthMember extends Node {
  readonly kind: "Auth";
  readonly scheme: Name;
  readonly props: readonly SimpleMember[];
}

/** `cors { origins "a" "b"  credentials  methods "GET" }`. */
export interface CorsMember extends Node {
  readonly kind: "Cors";
  readonly origins: readonly StringLit[];
  readonly props: readonly SimpleMember[];
}

export interface RouteMember extends Node {
  readonly kind: "Route";
  readonly path: StringLit;
  readonly service: Name;
  readonly api?: Name;
  readonly props: readonly (SimpleMember | BalanceMember)[];
  readonly hasBlock: boolean;
}

export interface DeployDecl extends DeclBase {
  readonly kind: "Deploy";
  readonly name: Name;
  readonly members: readonly DeployMember[];
}

export type DeployMember = DeployBlock | CanaryMember;

/** `target kubernetes { … }`, `mesh istio { … }`, `tracing otlp { … }`. */
export interface DeployBlock extends Node {
  readonly kind: "DeployBlock";
  readonly keyword: Name;
  readonly value: Name;
  readonly props: readonly SimpleMember[];
  readonly hasBlock: boolean;
}

/** `canary svc.v2 20%`. */
export interface CanaryMember extends Node {
  readonly kind: "Canary";
  readonly service: Name;
  readonly api: Name;
  readonly weight: Quantity;
}

export interface RulesDecl extends DeclBase {
  readonly kind: "Rules";
  readonly items: readonly RulesItem[];
}

export type RulesItem = FailOnItem | SetItem | AllowItem;

export interface FailOnItem extends Node {
  readonly kind: "FailOn";
  readonly level: Name;
}

/** `set <rule> <option> <value>`. */
export interface SetItem extends Node {
  readonly kind: "Set";
  readonly rule: Name;
  readonly option: Name;
  readonly value: Literal | Name;
}

/** `allow <rule> on <name> "reason"`. */
export interface AllowItem extends Node {
  readonly kind: "Allow";
  readonly rule: Name;
  readonly target: Name;
  readonly reason: StringLit;
}
