import { describe, expect, it } from "vitest";
import { parseSource } from "../src/index.js";

describe("CPU ranges", () => {
  it("reads `m` as millicores and a bare number as cores when ordering a cpu range", () => {
    const ok = parseSource("a.arch", "service a { resources { cpu 500m..1  memory 256Mi..512Mi } }");
    expect(ok.diagnostics).toEqual([]);
    const mixed = parseSource("b.arch", "service b { resources { cpu 250m..1.5 } }");
    expect(mixed.diagnostics).toEqual([]);
  });

  it("still reports a cpu range whose low end is above its high end", () => {
    const bad = parseSource("c.arch", "service c { resources { cpu 2..500m } }");
    expect(bad.diagnostics.map((d) => d.code)).toEqual(["E0117"]);
    expect(bad.diagnostics[0].span.col).toBe(29);
  });
});
