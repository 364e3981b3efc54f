// The emitted Kubernetes objects as tests see them: every document of every manifest file
// (kustomization.yaml aside), each with the file it sits in, so tests find objects by kind and
// name instead of by path, and no object of a multi-document file escapes a check.

import { parseAllDocuments } from "yaml";

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML under test, navigated freely by assertions
export type Obj = Record<string, any>;

export interface KubernetesObject {
  readonly file: string;
  readonly kind: string;
  readonly name: string;
  readonly object: Obj;
}

export interface ReadOptions {
  /** Only files under this folder (`k8s/` for the files of `emit all`); paths keep it. */
  readonly under?: string;
  readonly version?: "1.1" | "1.2";
}

/** The objects of one file, in order; throws on a YAML error or a document that is not an object. */
export function manifestObjects(file: string, text: string, version?: "1.1" | "1.2"): Obj[] {
  return parseAllDocuments(text, version ? { version } : {}).map((doc, i) => {
    if (doc.errors.length) throw new Error(`${file} document ${i + 1}: ${doc.errors[0].message}`);
    const value: unknown = doc.toJS();
    if (value === null || typeof value !== "object" || Array.isArray(value))
      throw new Error(`${file} document ${i + 1} is not an object`);
    return value as Obj;
  });
}

/** Every object of every Kubernetes manifest among `files`, file by file, in file order. */
export function kubernetesObjects(
  files: ReadonlyMap<string, string>,
  options: ReadOptions = {},
): KubernetesObject[] {
  const under = options.under ?? "";
  const out: KubernetesObject[] = [];
  for (const [file, text] of files) {
    if (!file.startsWith(under) || !file.endsWith(".yaml") || file === `${under}kustomization.yaml`) continue;
    for (const object of manifestObjects(file, text, options.version))
      out.push({ file, kind: String(object.kind), name: String(object.metadata?.name), object });
  }
  return out;
}

/** The one object of this kind and name; throws when there is none or more than one. */
export function findObject(objects: readonly KubernetesObject[], kind: string, name: string): Obj {
  const found = objects.filter((o) => o.kind === kind && o.name === name);
  if (found.length !== 1)
    throw new Error(
      `expected one ${kind} ${name}, found ${found.length} (${found.map((o) => o.file).join(", ")})`,
    );
  return found[0].object;
}
