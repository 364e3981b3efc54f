// An image without a tag, or tagged `latest`, is whatever was pushed last: two deployments of
// the same model can run different code, and a rollback rolls back nothing.

import type { Span } from "@archc/dsl";
import { elementOnly, type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const imageUnpinned: Rule = {
  meta: ruleMeta({
    id: "image-unpinned",
    severity: "warning",
    category: "operability",
    summary: "an image has no tag, or the tag `latest`",
    options: [],
    source: "kube-score (container image tag); kube-linter (latest-tag)",
  }),
  reads: ["services.name", "services.image", "services.nameSpan", "stores", "brokers"],
  check(ctx) {
    const lists = modelLists(ctx.model);
    const each = (kind: string, elements: readonly { name: string; image?: string; nameSpan: Span }[]) => {
      for (const el of elements) {
        if (el.image === undefined) continue;
        const image = el.image;
        ctx.forElement(el, elementOnly, () => {
          const tag = imageTag(image);
          if (tag !== undefined && tag !== "latest") return;
          ctx.report({
            message:
              tag === undefined
                ? `${kind} ${el.name}: image "${image}" has no tag, so it means "latest"`
                : `${kind} ${el.name}: image "${image}" is tagged latest`,
            span: el.nameSpan,
            elements: [el.name],
            help: "pin the image to a version tag (`:1.4.2`) or a digest (`@sha256:…`)",
          });
        });
      }
    };
    each("service", lists.services);
    each("store", lists.stores);
    each("broker", lists.brokers);
  },
};

/** The tag of an image reference, "" never; a digest counts as a pin. */
export function imageTag(image: string): string | undefined {
  if (image.includes("@sha256:")) return image.slice(image.indexOf("@") + 1);
  const lastPart = image.slice(image.lastIndexOf("/") + 1);
  const colon = lastPart.indexOf(":");
  if (colon < 0 || colon === lastPart.length - 1) return undefined;
  return lastPart.slice(colon + 1);
}
