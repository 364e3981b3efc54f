// Stage: declared types into the Model — records with resolved field types, enums, and aliases
// with their expansion, in declaration order. Every alias is expanded here even when unused,
// so an alias cycle or an unknown name inside one is always reported.

import type { Field as FieldAst } from "@archc/dsl";
import type { CompileContext } from "../context.js";
import type { Field, TypeDef } from "../model/schema.js";
import { defined } from "../build/read-props.js";
import type { SymbolOf } from "../names/collect-decls.js";

type TypeSymbol = SymbolOf<"record"> | SymbolOf<"enum"> | SymbolOf<"alias">;

export function buildTypes(ctx: CompileContext): void {
  const { symbols, model, typeReuse } = ctx;
  // Incremental compilation may keep the previous (frozen) table whole: nothing writes to it.
  const kept = typeReuse?.keptTable(ctx);
  if (kept !== undefined) {
    model.types = kept;
    return;
  }
  const all = symbols.all();
  for (let i = 0; i < all.length; i++) {
    const sym = all[i];
    if (sym.kind !== "record" && sym.kind !== "enum" && sym.kind !== "alias") continue;
    model.types[sym.name] =
      typeReuse === undefined ? buildTypeDef(ctx, sym) : typeReuse.build(ctx, sym, buildTypeDef);
  }
}

function buildTypeDef(ctx: CompileContext, sym: TypeSymbol): TypeDef {
  let def: TypeDef;
  if (sym.kind === "record") {
    def = {
      kind: "record",
      name: sym.name,
      fields: buildFields(ctx, sym.decl.fields ?? []),
      doc: sym.decl.doc,
      span: sym.decl.span,
      nameSpan: sym.decl.name.span,
    };
  } else if (sym.kind === "enum") {
    def = {
      kind: "enum",
      name: sym.name,
      members: uniqueMembers(ctx, sym.decl.members ?? []),
      doc: sym.decl.doc,
      span: sym.decl.span,
      nameSpan: sym.decl.name.span,
    };
  } else {
    def = {
      kind: "alias",
      name: sym.name,
      target: ctx.types.aliasTarget(sym),
      doc: sym.decl.doc,
      span: sym.decl.span,
      nameSpan: sym.decl.name.span,
    };
  }
  return defined(def);
}

function buildFields(ctx: CompileContext, fields: readonly FieldAst[]): Field[] {
  const seen = new Map<string, FieldAst>();
  const out: Field[] = [];
  for (const f of fields) {
    if (f?.name === undefined) continue;
    const name = f.name.kind === "Name" ? f.name.text : f.name.value;
    if (name === "") continue;
    const first = seen.get(name);
    if (first) {
      ctx.sink.error("E0206", f.name.span, `field \`${name}\` is declared twice`, {
        related: [{ span: first.name.span, message: "first declared here" }],
      });
      continue;
    }
    seen.set(name, f);
    out.push(
      defined({ name, optional: f.optional, type: ctx.types.resolve(f.type), doc: f.doc, span: f.span }),
    );
  }
  return out;
}

function uniqueMembers(
  ctx: CompileContext,
  members: readonly { text: string; span: FieldAst["span"] }[],
): string[] {
  const seen = new Map<string, (typeof members)[number]>();
  for (const m of members) {
    if (m === undefined || m.text === "") continue;
    const first = seen.get(m.text);
    if (first)
      ctx.sink.error("E0206", m.span, `enum member \`${m.text}\` is listed twice`, {
        related: [{ span: first.span, message: "first listed here" }],
      });
    else seen.set(m.text, m);
  }
  return [...seen.keys()];
}
