// Writing and comparing an emitted file set. Writes are atomic: everything goes into a
// temporary directory beside `--out`, which is then renamed into place (an existing `--out` is
// first renamed aside, then removed), so a reader never sees half a directory. Paths are
// checked to stay inside `--out`. archc only replaces a directory it wrote itself (it holds the
// `.archc-emit` manifest) or an empty one, so `--out .` can never wipe a project.

import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import * as path from "node:path";

export const MANIFEST = ".archc-emit";

export class OutputDirError extends Error {}

function safeJoin(root: string, rel: string): string {
  const full = path.resolve(root, rel);
  const back = path.relative(root, full);
  if (
    rel.includes("\0") ||
    path.isAbsolute(rel) ||
    back.startsWith("..") ||
    path.isAbsolute(back) ||
    back === ""
  )
    throw new OutputDirError(`refusing to write outside --out: ${rel}`);
  return full;
}

function manifestText(files: Map<string, string>): string {
  return `# Written by archc emit. archc replaces this directory on every emit.\n${[...files.keys()].join("\n")}\n`;
}

/** Throws when `dir` exists and is neither empty nor an archc output directory. */
export function assertReplaceable(dir: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new OutputDirError(`--out ${dir} is not a directory`);
  if (readdirSync(dir).length && !existsSync(path.join(dir, MANIFEST)))
    throw new OutputDirError(
      `--out ${dir} holds files archc did not write; choose a new or empty directory (archc replaces it whole)`,
    );
}

export function writeAtomically(outDir: string, files: Map<string, string>): void {
  const out = path.resolve(outDir);
  assertReplaceable(out);
  const parent = path.dirname(out);
  mkdirSync(parent, { recursive: true });
  const stamp = `${process.pid}-${Date.now()}`;
  const tmp = path.join(parent, `.archc-tmp-${path.basename(out)}-${stamp}`);
  try {
    mkdirSync(tmp);
    // One mkdir per directory, not per file: a 1k-service system is 16k files in 2k folders.
    const made = new Set<string>([tmp]);
    for (const [rel, content] of files) {
      const full = safeJoin(tmp, rel);
      const dir = path.dirname(full);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(full, content);
    }
    writeFileSync(path.join(tmp, MANIFEST), manifestText(files));
    if (existsSync(out)) {
      const old = path.join(parent, `.archc-tmp-old-${path.basename(out)}-${stamp}`);
      renameSync(out, old);
      try {
        renameSync(tmp, out);
      } catch (err) {
        renameSync(old, out); // put the previous output back
        throw err;
      }
      rmSync(old, { recursive: true, force: true });
    } else renameSync(tmp, out);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Every file under `dir` (relative, `/`-separated), except the manifest. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(r);
      else if (r !== MANIFEST) files.set(r, readFileSync(path.join(dir, r), "utf8"));
    }
  };
  walk("");
  return files;
}
