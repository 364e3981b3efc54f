// @archc/emitters: the checked Model in, deployment and API artifacts out. Pure: no I/O; the
// CLI writes the files. Every target is deterministic (same model → byte-identical files).

export { emit, emitTargets, type EmitOptions, type EmitResult, type EmitTarget } from "./emit.js";
export { emitterCodes, type EmitterCode } from "./codes.js";
