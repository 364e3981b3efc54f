// Written types (`TypeRef`) to resolved types (`TypeExpr`): primitives, records and enums by
// name (nominal), aliases expanded (transparent, memoised, cycles reported once), lists, maps
// and products in normal form. A name that does not resolve becomes the `error` type.

import type { AliasDecl, Name, TypeRef } from "@archc/dsl";
import type { TypeExpr } from "../model/schema.js";
import { PrimitiveNames } from "../model/schema.js";
import { type DiagnosticSink, present } from "../diagnostics.js";
import { kindWord, type SymbolOf, type SymbolTable, TYPE_KINDS } from "../names/collect-decls.js";
import { ERROR_TYPE, isPrimitiveName, productOf, showType } from "./type-expr.js";

type AliasState = { readonly pending: true } | { readonly pending: false; readonly type: TypeExpr };

export class TypeResolver {
  private readonly aliases = new Map<string, AliasState>();
  /** One object per primitive and per record/enum name: the Model is frozen, so they are shared. */
  private readonly named = new Map<string, TypeExpr>();
  /** The chain of aliases being expanded, to name a cycle when one closes. */
  private readonly expanding: SymbolOf<"alias">[] = [];

  constructor(
    private readonly symbols: SymbolTable,
    private readonly sink: DiagnosticSink,
  ) {}

  resolve(ref: TypeRef | undefined): TypeExpr {
    if (ref === undefined) return ERROR_TYPE;
    switch (ref.kind) {
      case "NamedType":
        return this.resolveName(ref.name);
      case "ListType":
        return { kind: "list", element: this.resolve(ref.element) };
      case "MapType": {
        const key = this.resolve(ref.key);
        if (ref.key !== undefined && !this.isStringKey(key))
          this.sink.error(
            "E0306",
            ref.key.span,
            `a map key must be a string type, found \`${showType(key)}\``,
            {
              help: "map keys may be string, uuid, date, timestamp or an enum",
            },
          );
        return { kind: "map", key, value: this.resolve(ref.value) };
      }
      case "ProductType":
        return productOf((ref.parts ?? []).map((p) => this.resolve(p)));
    }
  }

  /** The expansion of an alias (reports its problems once, however often it is used). */
  aliasTarget(sym: SymbolOf<"alias">): TypeExpr {
    const state = this.aliases.get(sym.name);
    if (state?.pending === false) return state.type;
    if (state?.pending === true) {
      this.reportCycle(sym);
      return ERROR_TYPE;
    }
    this.aliases.set(sym.name, { pending: true });
    this.expanding.push(sym);
    const type = this.resolve(sym.decl.target);
    this.expanding.pop();
    // A cycle reported while expanding marks every alias on it as an error.
    const after = this.aliases.get(sym.name);
    const final = after?.pending === false ? after.type : type;
    this.aliases.set(sym.name, { pending: false, type: final });
    return final;
  }

  private reportCycle(closing: SymbolOf<"alias">): void {
    const start = this.expanding.findIndex((s) => s.name === closing.name);
    const cycle = this.expanding.slice(start);
    for (const s of cycle) this.aliases.set(s.name, { pending: false, type: ERROR_TYPE });
    const head = cycle[0].decl as AliasDecl;
    const path = [...cycle.map((s) => s.name), closing.name].join(" -> ");
    this.sink.error(
      "E0304",
      head.name.span,
      `type alias \`${head.name.text}\` is defined in terms of itself: ${path}`,
      {
        related: cycle
          .slice(1)
          .map((s) => ({ span: s.decl.name.span, message: `\`${s.name}\` is part of the cycle` })),
        help: "aliases are expanded in place; recursion must go through a record, e.g. `type Node { children: list<Node> }`",
      },
    );
  }

  private resolveName(name: Name | undefined): TypeExpr {
    if (!present(name)) return ERROR_TYPE;
    this.symbols.touch(name.text);
    const known = this.named.get(name.text);
    if (known !== undefined) return known;
    if (isPrimitiveName(name.text)) return this.share(name.text, { kind: "prim", name: name.text });
    const sym = this.symbols.get(name.text);
    if (sym === undefined) {
      this.sink.unknown("E0202", "type", name, () => [...this.symbols.names(TYPE_KINDS), ...PrimitiveNames]);
      return ERROR_TYPE;
    }
    switch (sym.kind) {
      case "record":
      case "enum":
        return this.share(sym.name, { kind: "ref", name: sym.name });
      case "alias":
        return this.aliasTarget(sym);
      default:
        this.sink.error("E0205", name.span, `\`${name.text}\` is ${kindWord(sym.kind)}, not a type`, {
          related: [{ span: sym.decl.name.span, message: `\`${name.text}\` is declared here` }],
        });
        return ERROR_TYPE;
    }
  }

  private share(name: string, t: TypeExpr): TypeExpr {
    this.named.set(name, t);
    return t;
  }

  private isStringKey(t: TypeExpr): boolean {
    if (t.kind === "error") return true;
    if (t.kind === "prim") return ["string", "uuid", "date", "timestamp"].includes(t.name);
    return t.kind === "ref" && this.symbols.get(t.name)?.kind === "enum";
  }
}
