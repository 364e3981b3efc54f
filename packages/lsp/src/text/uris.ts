// File paths to `file:` URIs and back. Clients spell URIs differently (VS Code escapes `:` on
// Windows drive letters, neovim does not), so the server answers with the URI the client used
// for an open document and a canonical one otherwise.

import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith("file:")) return undefined;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function pathToUri(absolutePath: string): string {
  return pathToFileURL(absolutePath).href;
}

/** Remembers the URI spelling each client used, so answers point at the same document. */
export class UriBook {
  private readonly spelling = new Map<string, string>();

  remember(uri: string): string | undefined {
    const p = uriToPath(uri);
    if (p !== undefined) this.spelling.set(p, uri);
    return p;
  }

  uriOf(absolutePath: string): string {
    return this.spelling.get(absolutePath) ?? pathToUri(absolutePath);
  }
}
