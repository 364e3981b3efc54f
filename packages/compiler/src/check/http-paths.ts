// HTTP path templates: the `{param}` names in `/orders/{id}/items/{item}`, and the route shape
// a router sees (parameter names erased), used to find clashing bindings.

export interface ParsedPath {
  /** Parameter names in order of appearance. */
  readonly params: readonly { readonly name: string; readonly offset: number }[];
  /** Problems with the template itself (unbalanced or empty braces). */
  readonly problems: readonly { readonly message: string; readonly offset: number }[];
  /** `/orders/{}/items/{}`: the route as a router matches it. */
  readonly shape: string;
}

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

const NO_PROBLEMS: ParsedPath["problems"] = [];
const NO_PARAMS: ParsedPath["params"] = [];

export function parsePath(path: string): ParsedPath {
  // Most paths have no braces at all: nothing to parse, the path is its own shape.
  if (path.indexOf("{") < 0 && path.indexOf("}") < 0)
    return { params: NO_PARAMS, problems: NO_PROBLEMS, shape: path };
  const params: { name: string; offset: number }[] = [];
  const problems: { message: string; offset: number }[] = [];
  // The shape is built from slices of literal text, not one character at a time.
  let shape = "";
  let literalFrom = 0;
  let i = 0;
  while (i < path.length) {
    const c = path.charCodeAt(i);
    if (c === CLOSE) {
      problems.push({ message: "`}` without a matching `{`", offset: i });
      i++;
      continue;
    }
    if (c !== OPEN) {
      i++;
      continue;
    }
    const close = path.indexOf("}", i + 1);
    const nextOpen = path.indexOf("{", i + 1);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      problems.push({ message: "`{` is never closed", offset: i });
      i++;
      continue;
    }
    const name = path.slice(i + 1, close);
    if (!PARAM_NAME.test(name))
      problems.push({
        message: name === "" ? "empty path parameter `{}`" : `\`{${name}}\` is not a parameter name`,
        offset: i,
      });
    else params.push({ name, offset: i });
    shape += `${path.slice(literalFrom, i)}{}`;
    i = close + 1;
    literalFrom = i;
  }
  shape += path.slice(literalFrom);
  return { params, problems, shape };
}

const OPEN = "{".charCodeAt(0);
const CLOSE = "}".charCodeAt(0);
