// Stage 1: every top-level declaration of every file into one namespace. Duplicates are
// reported at the second site with the first as a related range; the first one wins, so the
// rest of the compiler sees exactly one declaration per name.

import type {
  BrokerDecl,
  Comment,
  DeployDecl,
  EnumDecl,
  EventDecl,
  FlowDecl,
  GatewayDecl,
  Name,
  RulesDecl,
  SagaDecl,
  ServiceDecl,
  StoreDecl,
  SystemDecl,
  TopicDecl,
  TypeDecl,
  AliasDecl,
  Workspace,
} from "@archc/dsl";
import { type DiagnosticSink, present } from "../diagnostics.js";
import { isPrimitiveName } from "../types/type-expr.js";

/** The declarations that live in the namespace, tagged by what they declare. */
export type DeclSymbol =
  | { readonly kind: "record"; readonly name: string; readonly decl: TypeDecl }
  | { readonly kind: "enum"; readonly name: string; readonly decl: EnumDecl }
  | { readonly kind: "alias"; readonly name: string; readonly decl: AliasDecl }
  | { readonly kind: "store"; readonly name: string; readonly decl: StoreDecl }
  | { readonly kind: "broker"; readonly name: string; readonly decl: BrokerDecl }
  | { readonly kind: "topic"; readonly name: string; readonly decl: TopicDecl }
  | { readonly kind: "event"; readonly name: string; readonly decl: EventDecl }
  | { readonly kind: "service"; readonly name: string; readonly decl: ServiceDecl }
  | { readonly kind: "flow"; readonly name: string; readonly decl: FlowDecl }
  | { readonly kind: "saga"; readonly name: string; readonly decl: SagaDecl }
  | { readonly kind: "gateway"; readonly name: string; readonly decl: GatewayDecl }
  | { readonly kind: "deploy"; readonly name: string; readonly decl: DeployDecl };

export type DeclKind = DeclSymbol["kind"];
export type SymbolOf<K extends DeclKind> = Extract<DeclSymbol, { kind: K }>;

const KIND_WORDS: Record<DeclKind, string> = {
  record: "a record type",
  enum: "an enum",
  alias: "a type alias",
  store: "a store",
  broker: "a broker",
  topic: "a topic",
  event: "an event",
  service: "a service",
  flow: "a flow",
  saga: "a saga",
  gateway: "a gateway",
  deploy: "a deployment",
};

export function kindWord(kind: DeclKind): string {
  return KIND_WORDS[kind];
}

export const TYPE_KINDS: readonly DeclKind[] = ["record", "enum", "alias"];

export class SymbolTable {
  private readonly byName = new Map<string, DeclSymbol>();
  private readonly byKind = new Map<DeclKind, DeclSymbol[]>();
  private readonly ordered: DeclSymbol[] = [];

  add(sym: DeclSymbol): void {
    this.byName.set(sym.name, sym);
    this.ordered.push(sym);
    const list = this.byKind.get(sym.kind);
    if (list) list.push(sym);
    else this.byKind.set(sym.kind, [sym]);
  }

  /**
   * Names looked up while `tracking` is set (incremental compilation records what each
   * declaration's result depends on); undefined in a plain compile.
   */
  tracking: Set<string> | undefined;

  get(name: string): DeclSymbol | undefined {
    if (this.tracking !== undefined) this.tracking.add(name);
    return this.byName.get(name);
  }

  /** Looks `name` up without recording a dependency (for checks outside any build). */
  peek(name: string): DeclSymbol | undefined {
    return this.byName.get(name);
  }

  /** Records a dependency on `name` without looking it up (for lookups cached elsewhere). */
  touch(name: string): void {
    if (this.tracking !== undefined) this.tracking.add(name);
  }

  /** Every declaration, in declaration order (file load order, then source order). */
  all(): readonly DeclSymbol[] {
    return this.ordered;
  }

  /** Declarations of one kind, in declaration order. */
  ofKind<K extends DeclKind>(kind: K): readonly SymbolOf<K>[] {
    return (this.byKind.get(kind) ?? []) as SymbolOf<K>[];
  }

  /** Names of the given kinds (for did-you-mean). */
  *names(kinds: readonly DeclKind[]): Iterable<string> {
    for (const k of kinds) for (const s of this.byKind.get(k) ?? []) yield s.name;
  }
}

export interface CollectedDecls {
  readonly symbols: SymbolTable;
  /** The first `system` (later ones are reported as duplicates). */
  readonly system?: SystemDecl;
  readonly rules: readonly RulesDecl[];
  readonly comments: readonly Comment[];
}

export function collectDecls(ws: Workspace, sink: DiagnosticSink): CollectedDecls {
  const symbols = new SymbolTable();
  const rules: RulesDecl[] = [];
  const comments: Comment[] = [];
  let system: SystemDecl | undefined;

  const declare = (name: Name | undefined, kind: DeclKind, decl: DeclSymbol["decl"]): void => {
    if (!present(name)) return;
    if (isPrimitiveName(name.text)) {
      sink.error(
        "E0201",
        name.span,
        `\`${name.text}\` is a built-in primitive type and cannot be redeclared`,
        {
          help: "choose another name",
        },
      );
      return;
    }
    // The first declaration of a name wins; its symbol holds where it was declared.
    const existing = symbols.get(name.text);
    if (existing) {
      sink.error("E0201", name.span, `\`${name.text}\` is already declared as ${kindWord(existing.kind)}`, {
        related: [{ span: existing.decl.name.span, message: "first declared here" }],
        help: "top-level names share one namespace across all files; rename one of them",
      });
      return;
    }
    symbols.add({ kind, name: name.text, decl } as DeclSymbol);
  };

  for (const file of ws.files) {
    comments.push(...file.ast.comments);
    for (const d of file.ast.decls) {
      switch (d.kind) {
        case "System":
          if (system === undefined) system = d;
          else
            sink.error(
              "E0201",
              present(d.name) ? d.name.span : d.span,
              "a compilation has at most one `system`",
              {
                related: [
                  {
                    span: present(system.name) ? system.name.span : system.span,
                    message: "first declared here",
                  },
                ],
                help: "remove one of the `system` declarations",
              },
            );
          break;
        case "Rules":
          rules.push(d);
          break;
        case "Type":
          declare(d.name, "record", d);
          break;
        case "Enum":
          declare(d.name, "enum", d);
          break;
        case "Alias":
          declare(d.name, "alias", d);
          break;
        case "Store":
          declare(d.name, "store", d);
          break;
        case "Broker":
          declare(d.name, "broker", d);
          break;
        case "Topic":
          declare(d.name, "topic", d);
          break;
        case "Event":
          declare(d.name, "event", d);
          break;
        case "Service":
          declare(d.name, "service", d);
          break;
        case "Flow":
          declare(d.name, "flow", d);
          break;
        case "Saga":
          declare(d.name, "saga", d);
          break;
        case "Gateway":
          declare(d.name, "gateway", d);
          break;
        case "Deploy":
          declare(d.name, "deploy", d);
          break;
      }
    }
  }
  return { symbols, system, rules, comments };
}

/**
 * Looks a name up expecting one of `kinds`: reports an unknown name (E0202, with a suggestion
 * among names of those kinds) or a name of another kind (E0205).
 */
export function lookup<K extends DeclKind>(
  symbols: SymbolTable,
  sink: DiagnosticSink,
  name: Name | undefined,
  kinds: readonly K[],
  what: string,
): SymbolOf<K> | undefined {
  if (!present(name)) return undefined;
  const sym = symbols.get(name.text);
  if (sym === undefined) {
    sink.unknown("E0202", what, name, () => symbols.names(kinds));
    return undefined;
  }
  if (!(kinds as readonly DeclKind[]).includes(sym.kind)) {
    sink.error("E0205", name.span, `\`${name.text}\` is ${kindWord(sym.kind)}, not ${article(what)}`, {
      related: [{ span: sym.decl.name.span, message: `\`${name.text}\` is declared here` }],
    });
    return undefined;
  }
  return sym as SymbolOf<K>;
}

function article(what: string): string {
  return /^[aeiou]/.test(what) ? `an ${what}` : `a ${what}`;
}
