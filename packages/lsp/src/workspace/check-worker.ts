// The checker thread: a replica of the server's project (changes arrive in order) that compiles,
// checks and builds reports on request, off the thread that answers the editor.

import { parentPort } from "node:worker_threads";
import { buildReport } from "../features/report.js";
import type { FromWorker, ToWorker } from "./checker.js";
import { Project } from "./project.js";
import { OverlayHost } from "./source-host.js";

const port = parentPort;
if (port) {
  const host = new OverlayHost();
  const project = new Project(host);
  let key = project.stateKey;
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
          const snap = project.checkedSnapshot();
          reply({
            kind: "checked",
            id: m.id,
            key,
            byFile: [...snap.byFile].map(([f, d]) => [f, [...d]]),
            phases: { ...project.phases },
          });
          return;
        }
        case "report":
          reply({ kind: "report", id: m.id, result: buildReport(project, m.file) });
          return;
      }
    } catch (err) {
      if (m.kind !== "change")
        reply({ kind: "failed", id: m.id, message: err instanceof Error ? err.message : String(err) });
    }
  });
}
