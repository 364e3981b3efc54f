// @archc/lsp: the archc language server. Give it a connection (or let it start on stdio) and it
// serves diagnostics, hover, navigation, rename, completion, symbols, folding, semantic tokens,
// formatting and code actions for .arch files.

export { startServer } from "./start.js";
export { serveConnection } from "./server.js";
export * from "./protocol.js";
export { SymbolTable } from "./symbols/symbol-table.js";
export { fileSymbols } from "./symbols/extract.js";
export type { SymbolDecl, SymbolRef, SymbolKind, RefTarget } from "./symbols/types.js";
export { completionWants, type Want } from "./features/completion-context.js";
export { reportHtml, diagramSvg } from "./features/report.js";
