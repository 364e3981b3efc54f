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
  SourceFileAst,
  TypeDecl,
  AliasDecl,
  Workspace,
} from "@archc/dsl";
import { type DiagnosticSink, present } from "../diagnostics.js";
import { isPrimitiveName } from "../types/type-expr.js";
import { SymbolTable } from "./symbol-table.js";

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

export { SymbolTable };

export interface CollectedDecls {
  readonly symbols: SymbolTable;
  /** The first `system` (later ones are reported as duplicates). */
  readonly system?: SystemDecl;
  readonly rules: readonly RulesDecl[];
  /** Each file's comments, in load order. */
  readonly comments: readonly (readonly Comment[])[];
}

/** A file's declarations as they come: symbols to declare, `system`s and `rules`, in order. */
type FileItem = DeclSymbol | SystemDecl | RulesDecl;

/** What a file declares, read off its syntax tree alone (so once per tree). */
export interface FileDecls {
  readonly items: readonly FileItem[];
  /** The symbols named after a primitive type (refused when declared). */
  readonly primitives: ReadonlySet<DeclSymbol>;
  /** Its `system`s and `rules`, in order. */
  readonly systems: readonly SystemDecl[];
  readonly rules: readonly RulesDecl[];
}

const byTree = new WeakMap<SourceFileAst, FileDecls>();

export function collectDecls(ws: Workspace, sink: DiagnosticSink): CollectedDecls {
  const symbols = new SymbolTable();
  const rules: RulesDecl[] = [];
  let system: SystemDecl | undefined;

  const declare = (sym: DeclSymbol, primitive: boolean): void => {
    if (primitive) {
      const name = sym.decl.name;
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
    const existing = symbols.peek(sym.name);
    if (existing) {
      const name = sym.decl.name;
      sink.error("E0201", name.span, `\`${name.text}\` is already declared as ${kindWord(existing.kind)}`, {
        related: [{ span: existing.decl.name.span, message: "first declared here" }],
        help: "top-level names share one namespace across all files; rename one of them",
      });
      return;
    }
    symbols.add(sym);
  };

  for (const file of ws.files) {
    const { items, primitives } = fileDecls(file.ast);
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item.kind === "Rules") rules.push(item);
      else if (item.kind !== "System") declare(item, primitives.size > 0 && primitives.has(item));
      else if (system === undefined) system = item;
      else
        sink.error(
          "E0201",
          present(item.name) ? item.name.span : item.span,
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
    }
  }
  return { symbols, system, rules, comments: ws.files.map((f) => f.ast.comments) };
}

export function fileDecls(ast: SourceFileAst): FileDecls {
  const known = byTree.get(ast);
  if (known !== undefined) return known;
  const items: FileItem[] = [];
  const primitives = new Set<DeclSymbol>();
  const systems: SystemDecl[] = [];
  const rules: RulesDecl[] = [];
  const add = (name: Name | undefined, sym: DeclSymbol): void => {
    if (!present(name)) return;
    items.push(sym);
    if (isPrimitiveName(name.text)) primitives.add(sym);
  };
  for (const d of ast.decls) {
    switch (d.kind) {
      case "System":
        items.push(d);
        systems.push(d);
        break;
      case "Rules":
        items.push(d);
        rules.push(d);
        break;
      case "Type":
        add(d.name, { kind: "record", name: d.name?.text, decl: d });
        break;
      case "Enum":
        add(d.name, { kind: "enum", name: d.name?.text, decl: d });
        break;
      case "Alias":
        add(d.name, { kind: "alias", name: d.name?.text, decl: d });
        break;
      case "Store":
        add(d.name, { kind: "store", name: d.name?.text, decl: d });
        break;
      case "Broker":
        add(d.name, { kind: "broker", name: d.name?.text, decl: d });
        break;
      case "Topic":
        add(d.name, { kind: "topic", name: d.name?.text, decl: d });
        break;
      case "Event":
        add(d.name, { kind: "event", name: d.name?.text, decl: d });
        break;
      case "Service":
        add(d.name, { kind: "service", name: d.name?.text, decl: d });
        break;
      case "Flow":
        add(d.name, { kind: "flow", name: d.name?.text, decl: d });
        break;
      case "Saga":
        add(d.name, { kind: "saga", name: d.name?.text, decl: d });
        break;
      case "Gateway":
        add(d.name, { kind: "gateway", name: d.name?.text, decl: d });
        break;
      case "Deploy":
        add(d.name, { kind: "deploy", name: d.name?.text, decl: d });
        break;
    }
  }
  const decls = { items, primitives, systems, rules };
  byTree.set(ast, decls);
  return decls;
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
