// @archc/emitters: the checked Model in, deployment and API artifacts and diagrams out. Pure: no
// I/O; the CLI writes the files. Every target is deterministic (same model → byte-identical files).

export {
  emit,
  emitAsync,
  emitTargets,
  syncEmitTargets,
  type EmitOptions,
  type EmitResult,
  type EmitTarget,
  type SyncEmitTarget,
} from "./emit.js";
export { emitterCodes, type EmitterCode } from "./codes.js";
export {
  emitDiagram,
  ELK_SIZE_LIMIT,
  type DiagramFormat,
  type DiagramOptions,
} from "./diagram/emit-diagram.js";
