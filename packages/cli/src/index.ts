export { runCli, VERSION } from "./program.js";
export type { CliIO } from "./io.js";
