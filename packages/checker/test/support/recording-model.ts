// A Model that records which parts (rule.ts `ModelPart`) are read through it: a service's
// field as `services.<field>`, any use of a table as the table's name, an index table as
// `index.<table>`, and anything else at the top level under its own name. The proxies wrap
// shallow copies, since a frozen Model's properties must read as themselves.

import type { Model } from "@archc/compiler";

export function recordingModel(model: Model): { model: Model; read: Set<string> } {
  const read = new Set<string>();
  const services = new Map<object, object>();
  const service = (s: object) => {
    let p = services.get(s);
    if (p === undefined) {
      p = new Proxy(
        { ...s },
        {
          get(_, field) {
            if (typeof field === "string") read.add(`services.${field}`);
            return (s as Record<string | symbol, unknown>)[field];
          },
        },
      );
      services.set(s, p);
    }
    return p;
  };
  const serviceTable = new Proxy(
    { ...model.services },
    {
      get(_, name) {
        const s = (model.services as Record<string | symbol, object | undefined>)[name];
        return s === undefined || typeof name !== "string" ? s : service(s);
      },
    },
  );
  const index = new Proxy(
    { ...model.index },
    {
      get(_, table) {
        if (typeof table === "string") read.add(`index.${table}`);
        return (model.index as Record<string | symbol, unknown>)[table];
      },
    },
  );
  const proxy = new Proxy(
    { ...model },
    {
      get(_, part) {
        if (part === "services") return serviceTable;
        if (part === "index") return index;
        if (typeof part === "string") read.add(part);
        return (model as unknown as Record<string | symbol, unknown>)[part];
      },
    },
  );
  return { model: proxy as Model, read };
}
