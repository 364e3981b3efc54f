// @archc/compiler: .arch ASTs to the checked Model (ARCHITECTURE.md "Data, stage by stage").

export * from "./model/schema.js";
export { compileWorkspace, compilePaths, compileFiles, compileText, type Compilation } from "./compile.js";
export { compilerCodes, allCodes, type CompilerCode } from "./codes.js";
export { showType, typeEquals, productOf, factorsOf, compatible } from "./types/type-expr.js";
export { opSignature, resolveOpRef } from "./show.js";
export { normaliseFlow } from "./flows/normalise-flow.js";
export {
  showFlowTerm,
  typeOfTerm,
  termSignature,
  modelSignatures,
  showSig,
  type FlowSig,
  type OpSignatures,
} from "./flows/flow-term.js";
export { memoryHost, MEMORY_ROOT } from "./memory-host.js";
/**
 * `compileIncremental(previous, ws)`: the same result as `compileWorkspace(ws)` (deep-equal
 * Model, same diagnostics), faster when `previous` came from `compileIncremental` and `ws`
 * keeps the AST objects of unchanged files: unchanged services are reused, and Model entries
 * equal to the previous ones are the same objects. Contract: incremental/compile-incremental.ts.
 */
export {
  compileIncremental,
  reuseStats,
  type ReuseStats,
  movedFrom,
  opsChangedSince,
} from "./incremental/compile-incremental.js";
export type { Shift } from "./incremental/span-shift.js";
export { sameValue } from "./incremental/structural-share.js";
