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
  /**
   * A change starts the re-check at once, on this thread: changes already waiting in the queue
   * are applied first (messages are delivered before immediates), and the server thread's
   * request, sent after its debounce, then finds the result made or nearly made. The debounce
   * still decides when diagnostics are published.
   */
  let pending = false;
  const checkSoon = () => {
    if (pending) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      try {
        project.checkedSnapshot();
      } catch {
        // The request that follows runs it again and answers with the failure.
      }
    });
  };
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
          checkSoon();
          return;
        }
        case "check": {
          const asked = performance.now();
          const { byFile, phases } = checkAndServe(project, served);
          const changed: [string, readonly ServedDiagnostic[]][] = [];
          for (const [file, diags] of byFile) {
            if (sent.get(file) === diags) continue;
            sent.set(file, diags);
            changed.push([file, diags]);
          }
          const removed = [...sent.keys()].filter((f) => !byFile.has(f));
          for (const f of removed) sent.delete(f);
          // `wait`: how long the request took here; short when the change's re-check was done.
          reply({
            kind: "checked",
            id: m.id,
            key,
            changed,
            removed,
            phases: { ...phases, wait: performance.now() - asked },
          });
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
