// How one string scalar is written in block YAML, byte for byte as the `yaml` package writes it
// under our options (YAML 1.1 schema, no line folding, ambiguous strings double-quoted), without
// building its node tree. The rules follow the package's `stringifyString`; the test in
// test/yaml-writer.test.ts compares both on adversarial strings, so a drift shows up there.

import { Document } from "yaml";

const YAML12_NON_STRING =
  /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|null|Null|NULL|~|true|True|TRUE|false|False|FALSE|<<)$/;

/** True when a plain (unquoted) scalar with this text might not read back as this string. */
export function plainIsAmbiguous(text: string): boolean {
  return text === "" || YAML12_NON_STRING.test(text);
}

/** The plain texts a YAML 1.1 reader resolves to something other than a string (bool, int, …). */
const YAML11_RESOLVING_TESTS: readonly RegExp[] = (() => {
  const { tags, compat } = new Document(null, { version: "1.1", merge: false }).schema;
  const out: RegExp[] = [];
  for (const tag of [...tags, ...(compat ?? [])])
    if ("test" in tag && tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test) out.push(tag.test);
  return out;
})();

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL_OR_LONE_SURROGATE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
const DOUBLE_QUOTED_MIN_MULTILINE = 40;
const INDENT_STEP = "  ";

/**
 * `value` as a key (`key`) or a value at `indent`, the indentation of the scalar's own lines:
 * never empty, as every scalar we write sits in a collection.
 * `"<<"` is written plain: the package takes it for the merge key (see toYaml).
 */
export function scalarString(value: string, key: boolean, indent: string): string {
  // A one-line string without a document marker is written the same way wherever it stands,
  // and emitters write the same few strings (labels, kinds, names) over and over.
  const cached = singleLineCache.get(value);
  if (cached !== undefined) return cached;
  if (value === "<<") return value;
  const text = render(value, key, indent);
  if (!value.includes("\n") && !DOCUMENT_MARKER.test(value)) {
    if (singleLineCache.size >= CACHE_LIMIT) singleLineCache.clear();
    singleLineCache.set(value, text);
  }
  return text;
}

const CACHE_LIMIT = 100_000;
const singleLineCache = new Map<string, string>();

function render(value: string, key: boolean, indent: string): string {
  if (plainIsAmbiguous(value) || CONTROL_OR_LONE_SURROGATE.test(value))
    return doubleQuoted(value, key, indent);
  return plain(value, key, indent);
}

function plain(value: string, key: boolean, indent: string): string {
  const multiline = value.includes("\n");
  if (key && multiline) return quoted(value, key, indent);
  if (NOT_PLAIN.test(value))
    return key || !multiline ? quoted(value, key, indent) : literalBlock(value, indent);
  if (!key && multiline) return literalBlock(value, indent);
  if (key && indent === INDENT_STEP && DOCUMENT_MARKER.test(value)) return quoted(value, key, indent);
  // Here `value` has no line break: a key with one was quoted, a value with one is a block.
  for (const test of YAML11_RESOLVING_TESTS) if (test.test(value)) return quoted(value, key, indent);
  return value;
}

function quoted(value: string, key: boolean, indent: string): string {
  const hasDouble = value.includes('"');
  const hasSingle = value.includes("'");
  return hasDouble && !hasSingle ? singleQuoted(value, key, indent) : doubleQuoted(value, key, indent);
}

function singleQuoted(value: string, key: boolean, indent: string): string {
  if ((key && value.includes("\n")) || /[ \t]\n|\n[ \t]/.test(value)) return doubleQuoted(value, key, indent);
  return `'${value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`)}'`;
}

const NAMED_ESCAPES: Record<string, string> = {
  "0000": "\\0",
  "0007": "\\a",
  "000b": "\\v",
  "001b": "\\e",
  "0085": "\\N",
  "00a0": "\\_",
  "2028": "\\L",
  "2029": "\\P",
};

/** JSON's escapes, with YAML's short forms, and line breaks kept as breaks in long values. */
function doubleQuoted(value: string, key: boolean, indent: string): string {
  const json = JSON.stringify(value);
  if (!json.includes("\\")) return json;
  let str = "";
  let start = 0;
  for (let i = 0; i < json.length; i++) {
    let ch = json[i];
    if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
      // a space before a break is escaped, or the reader would fold it away
      str += `${json.slice(start, i)}\\ `;
      i += 1;
      start = i;
      ch = "\\";
    }
    if (ch !== "\\") continue;
    const next = json[i + 1];
    if (next === "u") {
      str += json.slice(start, i);
      const code = json.substr(i + 2, 4);
      str += NAMED_ESCAPES[code] ?? (code.startsWith("00") ? `\\x${code.substr(2)}` : json.substr(i, 6));
      i += 5;
      start = i + 1;
    } else if (next === "n") {
      if (key || json[i + 2] === '"' || json.length < DOUBLE_QUOTED_MIN_MULTILINE) {
        i += 1;
      } else {
        str += `${json.slice(start, i)}\n\n`;
        while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
          str += "\n";
          i += 2;
        }
        str += indent;
        if (json[i + 2] === " ") str += "\\"; // and so is a space after one
        i += 1;
        start = i + 1;
      }
    } else {
      i += 1;
    }
  }
  return start ? str + json.slice(start) : json;
}

const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;

/** A literal block (`|`), with the chomping and indentation indicators the text needs. */
function literalBlock(text: string, indent: string): string {
  if (/\n[\t ]+$/.test(text)) return quoted(text, false, indent);
  let value = text;
  let endStart = value.length;
  while (endStart > 0) {
    const ch = value[endStart - 1];
    if (ch !== "\n" && ch !== "\t" && ch !== " ") break;
    endStart--;
  }
  let end = value.substring(endStart);
  const endNl = end.indexOf("\n");
  const chomp = endNl === -1 ? "-" : value === end || endNl !== end.length - 1 ? "+" : "";
  if (end) {
    value = value.slice(0, -end.length);
    if (end[end.length - 1] === "\n") end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${indent}`);
  }
  let startsWithSpace = false;
  let startEnd = 0;
  let startNl = -1;
  for (; startEnd < value.length; startEnd++) {
    const ch = value[startEnd];
    if (ch === " ") startsWithSpace = true;
    else if (ch === "\n") startNl = startEnd;
    else break;
  }
  let start = value.substring(0, startNl < startEnd ? startNl + 1 : startEnd);
  if (start) {
    value = value.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  const header = (startsWithSpace ? (indent ? "2" : "1") : "") + chomp;
  return `|${header}\n${indent}${start}${value.replace(/\n+/g, `$&${indent}`)}${end}`;
}
