// Bytes to text with the checks a user deserves: too large, binary, or invalid UTF-8 each
// become one clear diagnostic instead of a crash or a page of garbage errors.

import { isUtf8 } from "node:buffer";
import type { Diagnostic } from "./diagnostic.js";
import { fileStartSpan, type Span } from "./span.js";

/** Files above this size are refused (E0003). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export type DecodeResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

const utf8 = new TextDecoder("utf-8");

export function decodeSource(file: string, bytes: Uint8Array): DecodeResult {
  if (bytes.length > MAX_FILE_BYTES) {
    return fail(
      "E0003",
      fileStartSpan(file),
      `file is too large (${mib(bytes.length)}; archc reads at most ${mib(MAX_FILE_BYTES)})`,
      "split the model into several files joined by `import`",
    );
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return fail(
      "E0004",
      positionSpan(file, bytes, nul),
      "this looks like a binary file (it contains a NUL byte)",
      "archc reads .arch text files",
    );
  }
  // Node's native check first (about 20× faster on large files); the byte-by-byte scan runs only
  // to locate the offending byte.
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (bad >= 0) {
    return fail(
      "E0005",
      positionSpan(file, bytes, bad),
      `invalid UTF-8 at byte ${bad} (0x${bytes[bad].toString(16).padStart(2, "0")})`,
      "re-save the file as UTF-8",
    );
  }
  // The decoder drops a leading byte-order mark, as editors do: offsets and columns then match
  // what the editor (and an LSP client) counts.
  return { ok: true, text: utf8.decode(bytes) };
}

function fail(code: string, span: Span, message: string, help: string): DecodeResult {
  return { ok: false, diagnostic: { code, severity: "error", message, span, related: [], help } };
}

function mib(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

/** The offset of the first byte that starts an invalid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= b.length + 0 && i + need > b.length - 1 + 1) return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** A one-character span at a byte offset (line and column counted over the valid prefix). */
function positionSpan(file: string, bytes: Uint8Array, offset: number): Span {
  const prefix = new TextDecoder("utf-8").decode(bytes.subarray(0, offset));
  let line = 1;
  let lastNl = -1;
  for (let i = 0; i < prefix.length; i++) {
    if (prefix.charCodeAt(i) === 10) {
      line++;
      lastNl = i;
    }
  }
  const col = prefix.length - lastNl;
  return { file, start: prefix.length, end: prefix.length + 1, line, col, endLine: line, endCol: col + 1 };
}
