// The checker thread: a replica of the server's project (changes arrive in order) that compiles,
// checks and builds reports on request, off the thread that answers the editor.

import { parentPort } from "node:worker_threads";
import { buildReport } from "../features/report.js";
import type { FromWorker, ToWorker } from "./checker.js";
import { collectYoungGarbageSoon } from "./idle-gc.js";
import { Project } from "./project.js";
import { checkAndServe, type ServedDiagnostic, ServedDiagnosticsByFile } from "./served-diagnostics.js";
import { OverlayHost } from "./source-host.js";

const port = parentPort;
if (port) {
  const host = new OverlayHost();
  const project = new Project(host);
  const served = new ServedDiagnosticsByFile();
  let key = project.stateKey;
  /**
   * What the server thread holds, per file: only differences are sent. A file keeps its served
   * array while its diagnostics are equal as the client sees them, so identity tells what
   * changed, and findings whose related ranges only moved in offset are not sent again.
   */
  const sent = new Map<string, readonly ServedDiagnostic[]>();
  const reply = (m: FromWorker) => port.postMessage(m);
  port.on("message", (m: ToWorker) => {
    try {
      switch (m.kind) {
        case "change": {
          const c = m.change;
          if (c.op === "setBuffer") host.setBuffer(c.path, c.text);
          else if (c.op === "closeBuffer") host.closeBuffer(c.path);
          else if (c.op === "invalidate") host.invalidate(c.path);
          else project.apply(c);
          key = m.key;
          return;
        }
        case "check": {
          const { byFile, phases } = checkAndServe(project, served);
          const changed: [string, readonly ServedDiagnostic[]][] = [];
          for (const [file, diags] of byFile) {
            if (sent.get(file) === diags) continue;
            sent.set(file, diags);
            changed.push([file, diags]);
          }
          const removed = [...sent.keys()].filter((f) => !byFile.has(f));
          for (const f of removed) sent.delete(f);
          reply({ kind: "checked", id: m.id, key, changed, removed, phases });
          collectYoungGarbageSoon();
          return;
        }
        case "report":
          // The snapshot is taken before the first await, so later changes do not leak in.
          buildReport(project, m.file).then(
            (result) => reply({ kind: "report", id: m.id, result }),
            (err: unknown) => reply({ kind: "failed", id: m.id, message: String(err) }),
          );
          return;
      }
    } catch (err) {
      if (m.kind !== "change")
        reply({ kind: "failed", id: m.id, message: err instanceof Error ? err.message : String(err) });
    }
  });
}
