// Diagnostics exercising every field the reporters render: related ranges, help, fixes, a
// model-checker trace, characters that need escaping, and a compiler code.

import type { Diagnostic } from "@archc/dsl";
import { engineMetas } from "../../src/engine/meta-rules.js";
import type { ReportContext } from "../../src/report/report-context.js";
import { rules } from "../../src/rules/index.js";
import { lineSpan } from "../support/model-builder.js";

const s = (line: number, col = 1, len = 5, file = "shop.arch") => ({ ...lineSpan(line, col, len), file });

export const sampleDiagnostics: Diagnostic[] = [
  {
    code: "E0301",
    severity: "error",
    message: "composition type mismatch: cod Reservation, dom Order",
    span: s(3, 10, 12),
    related: [],
  },
  {
    code: "shared-store",
    severity: "error",
    message: "store db is written by 2 services: a and b",
    span: s(5, 7, 2),
    related: [
      { span: s(8, 3, 6), message: "written by a here" },
      { span: s(12, 3, 6, "sub dir/b.arch"), message: "written by b here" },
    ],
    help: "give each service its own store",
  },
  {
    code: "unprotected-call",
    severity: "warning",
    message: 'a calls b.f with neither a timeout nor a circuit breaker: 100% "bad", <really>',
    span: s(9, 9, 3),
    related: [],
    fixes: [{ title: "add a 1s timeout", edits: [{ span: { ...s(9, 12, 0) }, newText: " { timeout 1s }" }] }],
  },
  {
    code: "nano-service",
    severity: "info",
    message: "c is a nanoservice: one op (f), no store, no events\nsecond line",
    span: s(14, 9, 1),
    related: [],
  },
  {
    code: "saga-stuck",
    severity: "error",
    message: "saga s can get stuck",
    span: s(20, 6, 1),
    related: [],
    trace: {
      states: [
        { index: 0, action: "init", vars: { step: "create" } },
        {
          index: 1,
          action: "create times out",
          vars: { step: "create", outcome: "unknown" },
          span: s(21, 3, 6),
        },
      ],
      loopsTo: 1,
    },
  },
];

export const sampleContext: ReportContext = {
  toolVersion: "0.1.0",
  metas: [...rules.map((r) => r.meta), ...engineMetas],
  codeTitle: (code) => (code === "E0301" ? "composition type mismatch" : undefined),
  root: "/work/project",
  failOn: "error",
};
