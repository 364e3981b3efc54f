// archc diagnostics as LSP diagnostics: the same code, severity, message and range as
// `archc check`, related ranges as related information, and the help line under the message.

import {
  DiagnosticSeverity,
  type DiagnosticRelatedInformation,
  type Diagnostic as LspDiagnostic,
} from "vscode-languageserver";
import { spanToRange } from "../text/positions.js";
import type { ServedDiagnostic } from "../workspace/served-diagnostics.js";

const severities = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
} as const;

export function toLspDiagnostic(d: ServedDiagnostic, uriOf: (abs: string) => string): LspDiagnostic {
  const related: DiagnosticRelatedInformation[] = d.related.map((r) => ({
    location: { uri: uriOf(r.file), range: r.range },
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
