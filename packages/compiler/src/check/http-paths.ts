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

export function parsePath(path: string): ParsedPath {
  const params: { name: string; offset: number }[] = [];
  const problems: { message: string; offset: number }[] = [];
  let shape = "";
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === "}") {
      problems.push({ message: "`}` without a matching `{`", offset: i });
      shape += c;
      i++;
      continue;
    }
    if (c !== "{") {
      shape += c;
      i++;
      continue;
    }
    const close = path.indexOf("}", i + 1);
    const nextOpen = path.indexOf("{", i + 1);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      problems.push({ message: "`{` is never closed", offset: i });
      shape += c;
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
    shape += "{}";
    i = close + 1;
  }
  return { params, problems, shape };
}
