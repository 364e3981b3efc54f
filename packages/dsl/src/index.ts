export * from "./ast.js";
export * from "./span.js";
export * from "./diagnostic.js";
export * from "./codes.js";
export * from "./suggest.js";
export * from "./units.js";
export * from "./properties.js";
export { parseSource, type ParseResult, MAX_NESTING } from "./parse.js";
export { decodeSource, MAX_FILE_BYTES, firstInvalidUtf8 } from "./source-text.js";
export {
  loadWorkspace,
  expandEntries,
  workspaceDiagnostics,
  diskHost,
  safeRealpath,
  type Workspace,
  type ParsedFile,
  type SourceHost,
  type LoadOptions,
} from "./workspace.js";
export { archLexer } from "./lexer.js";
export { formatSource, formatAst, type FormatResult } from "./format/index.js";
