// The two things every SVG attribute and text needs: XML escaping and short, stable numbers.

/** Whether XML 1.0 allows the UTF-16 code unit at `i` (C0 controls other than tab, LF and CR,
 * lone surrogates, U+FFFE and U+FFFF are not: a parser rejects the file). */
function allowedAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x20) return c === 0x09 || c === 0x0a || c === 0x0d;
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return next >= 0xdc00 && next <= 0xdfff;
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const prev = text.charCodeAt(i - 1);
    return prev >= 0xd800 && prev <= 0xdbff;
  }
  return c !== 0xfffe && c !== 0xffff;
}

/** `text` with every character XML does not allow replaced by U+FFFD. */
function xmlChars(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++)
    if (!allowedAt(text, i)) {
      out += `${text.slice(from, i)}\ufffd`;
      from = i + 1;
    }
  return from === 0 ? text : out + text.slice(from);
}

/** Anything xmlEscape changes: markup characters, and code units XML may not allow. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const NEEDS_ESCAPE = /[&<>"'\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]/;

/** Text safe inside an element or a double- or single-quoted attribute. */
export function xmlEscape(text: string): string {
  // Most texts (names, numbers, labels) need nothing: one scan instead of six.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return xmlChars(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** A coordinate with at most one decimal, never `-0`: the same number prints the same way. */
export function num(n: number): string {
  const r = Math.round(n * 10) / 10;
  return r === 0 ? "0" : String(r);
}
