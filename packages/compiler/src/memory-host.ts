// An in-memory SourceHost: compiles text held in a map, for tests and for tools that have no
// files on disk. Paths are resolved under a virtual root.

import * as path from "node:path";
import type { SourceHost } from "@archc/dsl";

/** The folder in-memory files live in; never read from disk. */
export const MEMORY_ROOT = path.resolve("/archc-memory");

export function memoryHost(files: Readonly<Record<string, string>>): SourceHost {
  const byPath = new Map<string, string>();
  for (const [name, text] of Object.entries(files)) byPath.set(path.resolve(MEMORY_ROOT, name), text);
  return {
    read(absolutePath, file) {
      const text = byPath.get(absolutePath);
      if (text !== undefined) return { ok: true, text };
      return {
        ok: false,
        diagnostic: {
          code: "E0001",
          severity: "error",
          message: `file not found: ${file}`,
          span: { file, start: 0, end: 0, line: 1, col: 1, endLine: 1, endCol: 1 },
          related: [],
        },
      };
    },
    exists(absolutePath) {
      return byPath.has(absolutePath);
    },
  };
}
