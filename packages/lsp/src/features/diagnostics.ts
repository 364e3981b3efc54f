// archc diagnostics as LSP diagnostics: the same code, severity, message and range as
// `archc check`, related ranges as related information, and the help line under the message.

import * as path from "node:path";
import type { Diagnostic } from "@archc/dsl";
import {
  DiagnosticSeverity,
  type DiagnosticRelatedInformation,
  type Diagnostic as LspDiagnostic,
} from "vscode-languageserver";
import { isUsableSpan, spanToRange } from "../text/positions.js";

const severities = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
} as const;

export function toLspDiagnostic(
  d: Diagnostic,
  folder: string,
  uriOf: (abs: string) => string,
): LspDiagnostic {
  const related: DiagnosticRelatedInformation[] = d.related
    .filter((r) => isUsableSpan(r.span))
    .map((r) => ({
      location: { uri: uriOf(path.resolve(folder, r.span.file)), range: spanToRange(r.span) },
      message: r.message,
    }));
  return {
    range: spanToRange(d.span),
    severity: severities[d.severity] ?? DiagnosticSeverity.Error,
    code: d.code,
    source: "archc",
    message: d.help ? `${d.message}\nhelp: ${d.help}` : d.message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
  };
}
