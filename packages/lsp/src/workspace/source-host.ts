// The SourceHost the language server gives `loadWorkspace`: open editor buffers win over the
// disk, and disk contents are read once and kept until the client reports the file changed, so
// a re-check after a keystroke touches no file system beyond import resolution.

import { diskHost, type SourceHost, safeRealpath } from "@archc/dsl";

type ReadResult = ReturnType<SourceHost["read"]>;

/** A change to what the host serves, replayable on another host (the checker thread's). */
export type HostChange =
  | { readonly op: "setBuffer"; readonly path: string; readonly text: string }
  | { readonly op: "closeBuffer"; readonly path: string }
  | { readonly op: "invalidate"; readonly path: string };

export class OverlayHost implements SourceHost {
  private readonly buffers = new Map<string, string>();
  private readonly diskCache = new Map<string, { file: string; result: ReadResult }>();
  /** Paths with links resolved (null: missing), asked on every load to check imports; kept until a change on disk. */
  private readonly realpaths = new Map<string, string | null>();
  /** Bumped on every change of any source; snapshots are memoised on it. */
  generation = 0;
  /** Told about every change, after it is made. */
  onChange: ((change: HostChange) => void) | undefined;

  read(absolutePath: string, file: string): ReadResult {
    const open = this.buffers.get(absolutePath);
    if (open !== undefined) return { ok: true, text: open };
    const cached = this.diskCache.get(absolutePath);
    if (cached && cached.file === file) return cached.result;
    const result = diskHost.read(absolutePath, file);
    this.diskCache.set(absolutePath, { file, result });
    return result;
  }

  realpath(absolutePath: string): string | undefined {
    let real = this.realpaths.get(absolutePath);
    if (real === undefined) {
      real = safeRealpath(absolutePath) ?? null;
      this.realpaths.set(absolutePath, real);
    }
    return real ?? undefined;
  }

  setBuffer(absolutePath: string, text: string): void {
    if (this.buffers.get(absolutePath) === text) return;
    this.buffers.set(absolutePath, text);
    this.generation++;
    this.onChange?.({ op: "setBuffer", path: absolutePath, text });
  }

  closeBuffer(absolutePath: string): void {
    if (!this.buffers.delete(absolutePath)) return;
    this.generation++;
    this.onChange?.({ op: "closeBuffer", path: absolutePath });
  }

  isOpen(absolutePath: string): boolean {
    return this.buffers.has(absolutePath);
  }

  bufferText(absolutePath: string): string | undefined {
    return this.buffers.get(absolutePath);
  }

  /** The text as the server sees it (buffer, else disk), or undefined when unreadable. */
  textOf(absolutePath: string, file: string): string | undefined {
    const r = this.read(absolutePath, file);
    return r.ok ? r.text : undefined;
  }

  /** The file changed on disk (created, edited outside the editor, deleted). */
  invalidate(absolutePath: string): void {
    this.diskCache.delete(absolutePath);
    // A link created, removed or pointed elsewhere may change any path under it.
    this.realpaths.clear();
    this.generation++;
    this.onChange?.({ op: "invalidate", path: absolutePath });
  }
}
