// Teams import the kit by its package export.

import { describe, expect, it } from "vitest";

describe("@archc/checker/laws", () => {
  it("resolves to the law kit", async () => {
    const kit = await import("@archc/checker/laws");
    expect(typeof kit.sagaLaws).toBe("function");
    expect(typeof kit.assertSagaLaws).toBe("function");
    expect(new kit.BusinessError("No")).toBeInstanceOf(Error);
  });
});
