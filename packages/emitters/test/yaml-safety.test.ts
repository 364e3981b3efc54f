// Any string the model can hold survives the trip into YAML and back, for YAML 1.1 readers
// (docker-compose, kubectl) and YAML 1.2 readers alike.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { toYaml } from "../src/common/yaml.js";
import { emit } from "../src/index.js";
import { span } from "./support/build-model.js";
import { findObject, kubernetesObjects } from "./support/kubernetes-objects.js";
import { sampleShop } from "./support/sample-shop.js";

const tricky = fc.oneof(
  fc.constantFrom(
    "yes",
    "no",
    "on",
    "off",
    "Y",
    "n",
    "true",
    "NULL",
    "~",
    "0755",
    "007",
    "1_000",
    "0x1F",
    "0o17",
    "1e3",
    ".inf",
    "1:20",
    "2024-01-01",
    "<<",
    "=",
    "- x",
    "? k",
    "a: b",
    "#x",
    "'q'",
    '"d"',
    "a\nb",
    " lead",
    "trail ",
    "",
    "é✓🚀",
    "$HOME",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal `${X}` is exactly the value under test
    "${X}",
    "\t",
    "--",
    "%YAML",
  ),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary", maxLength: 20 }).filter((s) => !/[\uD800-\uDFFF]/.test(s)),
);

describe("YAML safety", () => {
  it("toYaml round-trips any value under YAML 1.1 and 1.2", () => {
    fc.assert(
      fc.property(fc.dictionary(tricky, fc.oneof(tricky, fc.array(tricky), fc.integer())), (value) => {
        const text = toYaml(value);
        expect(parse(text, { version: "1.2" })).toEqual(value);
        expect(parse(text, { version: "1.1" })).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });

  it("env values, health paths and docs arrive intact in compose, Kubernetes and OpenAPI", () => {
    fc.assert(
      fc.property(tricky, tricky, tricky, (envValue, path, doc) => {
        const m = sampleShop();
        m.services.orders.env = [{ key: "VALUE", value: envValue, span }];
        m.services.orders.health = `/${path}`;
        m.ops["orders.v1.place"].doc = doc || undefined;
        const files = emit(m, "all").files;
        for (const version of ["1.1", "1.2"] as const) {
          const k8s = kubernetesObjects(files, { under: "k8s/", version });
          expect(findObject(k8s, "ConfigMap", "orders").data.VALUE).toBe(envValue);
          const dep = findObject(k8s, "Deployment", "orders");
          expect(dep.spec.template.spec.containers[0].livenessProbe.httpGet.path).toBe(`/${path}`);
          const compose = parse(files.get("compose/compose.yaml")!, { version });
          // Compose interpolates `$`; a literal dollar is written `$$`.
          expect(compose.services.orders.environment.VALUE.replaceAll("$$", "$")).toBe(envValue);
          const api = parse(files.get("openapi/orders.v1.yaml")!, { version });
          if (doc) expect(api.paths["/orders"].post.description).toBe(doc);
        }
      }),
      { numRuns: 60 },
    );
  });
});
