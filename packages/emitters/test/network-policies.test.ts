import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emit } from "../src/index.js";
import { compileExample, exampleExists, REPO_ROOT } from "./support/examples.js";
import { findObject, kubernetesObjects } from "./support/kubernetes-objects.js";
import { sampleShop } from "./support/sample-shop.js";

interface Policy {
  spec: {
    podSelector: { matchLabels?: Record<string, string> };
    ingress?: { from?: { podSelector?: { matchLabels: Record<string, string> } }[] }[];
  };
}

/** For each selected app: the apps admitted, or "any" when a rule admits every source. */
function admittedCallers(policies: Policy[]): Map<string, Set<string> | "any"> {
  const out = new Map<string, Set<string> | "any">();
  for (const p of policies) {
    const app = p.spec.podSelector.matchLabels?.app;
    if (!app) continue;
    let admitted: Set<string> | "any" = new Set();
    for (const rule of p.spec.ingress ?? []) {
      if (!rule.from) admitted = "any";
      else if (admitted !== "any")
        for (const f of rule.from) if (f.podSelector) admitted.add(f.podSelector.matchLabels.app);
    }
    if (admitted !== "any") admitted.delete(app); // Kafka-style self traffic is not a caller
    out.set(app, admitted);
  }
  return out;
}

/** Every emitted NetworkPolicy, whichever file holds it. */
function emittedPolicies(files: Map<string, string>): Policy[] {
  return kubernetesObjects(files)
    .filter((o) => o.kind === "NetworkPolicy")
    .map((o) => o.object as Policy);
}

describe("NetworkPolicies", () => {
  const objects = kubernetesObjects(emit(sampleShop(), "k8s").files);
  const policy = (name: string) => findObject(objects, "NetworkPolicy", name);

  it("denies everything by default", () => {
    expect(policy("default-deny").spec).toEqual({
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
    });
  });

  it("admits exactly the declared callers and reaches exactly the declared dependencies plus DNS", () => {
    const inv = policy("inventory").spec;
    expect(inv.ingress).toEqual([
      {
        from: [{ podSelector: { matchLabels: { app: "orders" } } }],
        ports: [{ port: 8001, protocol: "TCP" }],
      },
    ]);
    const orders = policy("orders").spec;
    const targets = orders.egress.map(
      (r: { to?: { podSelector?: { matchLabels: { app?: string; "k8s-app"?: string } } }[] }) =>
        r.to?.[0]?.podSelector?.matchLabels.app ?? r.to?.[0]?.podSelector?.matchLabels["k8s-app"] ?? "other",
    );
    expect(targets).toEqual(["inventory", "orders-db", "bus", "kube-dns", "other"]); // other = istiod
    expect(policy("worker").spec.ingress).toBeUndefined();
  });

  it.skipIf(!exampleExists("online-boutique"))(
    "admit the same callers per service as Online Boutique's own policies",
    () => {
      const dir = path.join(REPO_ROOT, "..", "shared", "corpora", "online-boutique", "network-policies");
      const theirs = admittedCallers(
        readdirSync(dir)
          .filter((f) => f.startsWith("network-policy-") && f !== "network-policy-deny-all.yaml")
          .map((f) => parse(readFileSync(path.join(dir, f), "utf8")) as Policy),
      );
      const ours = admittedCallers(emittedPolicies(emit(compileExample("online-boutique"), "k8s").files));
      const normalise = (m: Map<string, Set<string> | "any">) =>
        Object.fromEntries([...m].map(([k, v]) => [k, v === "any" ? "any" : [...v].sort()]));
      const expected = normalise(theirs);
      const actual = normalise(ours);
      for (const app of Object.keys(expected))
        expect({ app, callers: actual[app] }).toEqual({ app, callers: expected[app] });
    },
  );
});
