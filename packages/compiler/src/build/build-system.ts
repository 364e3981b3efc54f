// Stage: the system — from its one `system` declaration, or named after the first entry file.

import * as path from "node:path";
import type { CompileContext } from "../context.js";
import { defined, PropReader } from "./read-props.js";

export function buildSystem(ctx: CompileContext): void {
  const d = ctx.system;
  const entry = ctx.workspace.entries[0] ?? ctx.workspace.files[0]?.file ?? "system";
  const fallback = path.posix.basename(entry).replace(/\.arch$/, "");
  if (d === undefined || !d.name?.text) {
    ctx.model.system = { name: fallback };
    return;
  }
  const p = new PropReader(d.props ?? [], ctx.sink);
  ctx.model.system = defined({
    name: d.name.text,
    title: d.title?.value,
    version: p.string("version"),
    owner: p.string("owner"),
    doc: d.doc,
    span: d.span,
  });
}
