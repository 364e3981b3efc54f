// One Kubernetes manifest file holding several objects, as kubectl and kustomize read them:
// YAML documents separated by `---`. The generated header opens the file once; each object is
// written exactly as a file of its own would hold it.

import { toYaml } from "../common/yaml.js";
import type { K8sObject } from "./resource.js";

/** The objects as one multi-document YAML file, in the order given. */
export function manifestFile(objects: readonly K8sObject[]): string {
  let text = "";
  for (const [i, obj] of objects.entries()) text += i === 0 ? toYaml(obj) : `---\n${toYaml(obj, "")}`;
  return text;
}
