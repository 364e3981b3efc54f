export { toGithub, escapeData, escapeProperty } from "./github.js";
export { toJson, JSON_REPORT_VERSION, type JsonReport, type JsonDiagnostic } from "./json.js";
export { toJunit, escapeXml } from "./junit.js";
export type { ReportContext } from "./report-context.js";
export { toSarif, SARIF_SCHEMA } from "./sarif.js";
