import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emit } from "../src/index.js";
import { compileExample, presentExamples } from "./support/examples.js";
import { strictKubernetesErrors } from "./support/kubernetes-validator.js";
import { sampleShop } from "./support/sample-shop.js";

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML under test, navigated freely by assertions
type Obj = Record<string, any>;

function objects(files: Map<string, string>): [string, Obj][] {
  return [...files].filter(([p]) => p !== "kustomization.yaml").map(([p, t]) => [p, parse(t) as Obj]);
}

const noMesh = () => {
  const m = sampleShop();
  m.deployments.prod.mesh = undefined;
  return m;
};

const cases = [
  { name: "sample shop with Istio", files: () => emit(sampleShop(), "k8s").files },
  { name: "sample shop without a mesh", files: () => emit(noMesh(), "k8s").files },
  ...presentExamples.map((ex) => ({
    name: `examples/${ex}`,
    files: () => emit(compileExample(ex), "k8s").files,
  })),
];

describe("strict Kubernetes and Istio validation", () => {
  it.each(cases)("every object of $name passes the schemas with no unknown field", ({ files }) => {
    for (const [path, obj] of objects(files()))
      expect({ path, errors: strictKubernetesErrors(obj) }).toEqual({ path, errors: [] });
  });

  it("catches a misspelled Kubernetes field", () => {
    const d = parse(emit(sampleShop(), "k8s").files.get("services/orders/deployment.yaml")!);
    d.spec.template.spec.containers[0].securityContext.readOnlyRootFilesytem = true;
    expect(strictKubernetesErrors(d)).toEqual([
      "Deployment.spec.template.spec.containers[0].securityContext.readOnlyRootFilesytem: unknown field",
    ]);
  });

  it("catches a misspelled Istio field and a wrongly typed one", () => {
    const dr = parse(emit(sampleShop(), "k8s").files.get("services/inventory/destinationrule.yaml")!);
    dr.spec.trafficPolicy.outlierDetection.consecutive5xxError = 5;
    dr.spec.trafficPolicy.outlierDetection.interval = 30;
    const errors = strictKubernetesErrors(dr);
    expect(errors).toContain(
      "DestinationRule.spec.trafficPolicy.outlierDetection.consecutive5xxError: unknown field",
    );
    expect(errors.some((e) => e.includes("interval must be string"))).toBe(true);
  });
});

describe("Kubernetes content", () => {
  const files = emit(sampleShop(), "k8s").files;
  const get = (p: string) => parse(files.get(p)!) as Obj;

  it("emits per service a Deployment, Service, ServiceAccount, HPA, PDB and ConfigMap", () => {
    for (const f of ["deployment", "service", "serviceaccount", "hpa", "pdb", "configmap", "networkpolicy"])
      expect(files.has(`services/orders/${f}.yaml`)).toBe(true);
    const hpa = get("services/orders/hpa.yaml");
    expect(hpa.apiVersion).toBe("autoscaling/v2");
    expect(hpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 10 });
    expect(hpa.spec.metrics[0].resource.target.averageUtilization).toBe(70);
    // An autoscaled Deployment leaves the replica count to its HPA.
    expect(get("services/orders/deployment.yaml").spec.replicas).toBeUndefined();
    expect(get("services/inventory/deployment.yaml").spec.replicas).toBe(1);
  });

  it("references secrets and never holds their values", () => {
    const kinds = objects(files).map(([, o]) => o.kind);
    expect(kinds).not.toContain("Secret");
    const env = get("services/orders/deployment.yaml").spec.template.spec.containers[0].env;
    expect(env).toEqual([
      {
        name: "DATABASE_URL",
        valueFrom: { secretKeyRef: { name: "orders-db-credentials", key: "DATABASE_URL" } },
      },
    ]);
    expect(get("services/orders/configmap.yaml").data).not.toHaveProperty("DATABASE_URL");
  });

  it("runs stores as StatefulSets with a PersistentVolumeClaim", () => {
    const sts = get("stores/orders-db/statefulset.yaml");
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe("20Gi");
    expect(sts.spec.template.spec.containers[0].image).toBe("postgres:16");
    expect(get("brokers/bus/statefulset.yaml").spec.replicas).toBe(3);
  });

  it("lists exactly the emitted files in kustomization.yaml", () => {
    const k = get("kustomization.yaml");
    expect(k.resources).toEqual([...files.keys()].filter((p) => p !== "kustomization.yaml").sort());
  });
});

describe("hardened pods", () => {
  const workloads = cases.flatMap(({ name, files }) =>
    objects(files())
      .filter(([, o]) => ["Deployment", "StatefulSet", "Job"].includes(o.kind))
      .map(([path, o]) => ({ name, path, o })),
  );

  it("covers every workload kind", () => {
    expect(new Set(workloads.map((w) => w.o.kind))).toEqual(new Set(["Deployment", "StatefulSet", "Job"]));
  });

  it.each(workloads)("$name $path", ({ o }) => {
    const pod = o.spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.seccompProfile).toEqual({ type: "RuntimeDefault" });
    for (const c of pod.containers) {
      expect(c.securityContext).toMatchObject({
        runAsNonRoot: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
      });
      expect(Object.keys(c.resources.requests).sort()).toEqual(["cpu", "memory"]);
      expect(Object.keys(c.resources.limits).sort()).toEqual(["cpu", "memory"]);
      if (o.kind !== "Job") {
        expect(c.livenessProbe).toBeDefined();
        expect(c.readinessProbe).toBeDefined();
      }
    }
  });
});
