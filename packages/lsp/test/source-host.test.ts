// The language server's source host remembers where symbolic links lead (every load checks that
// imports stay inside the workspace root), until the client reports a change on disk; and a
// load through it refuses an import that leaves the root through a link, as a load from disk does.

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { loadWorkspace } from "@archc/dsl";
import { afterAll, describe, expect, it } from "vitest";
import { OverlayHost } from "../src/workspace/source-host.js";

const dir = mkdtempSync(path.join(tmpdir(), "archc-host-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("OverlayHost.realpath", () => {
  it("remembers where a link leads until a change on disk is reported", () => {
    mkdirSync(path.join(dir, "a"));
    mkdirSync(path.join(dir, "b"));
    const link = path.join(dir, "link");
    symlinkSync(path.join(dir, "a"), link);
    const host = new OverlayHost();
    expect(host.realpath(link)).toBe(path.join(dir, "a"));
    unlinkSync(link);
    symlinkSync(path.join(dir, "b"), link);
    expect(host.realpath(link)).toBe(path.join(dir, "a"));
    host.invalidate(path.join(dir, "link"));
    expect(host.realpath(link)).toBe(path.join(dir, "b"));
    expect(host.realpath(path.join(dir, "missing"))).toBeUndefined();
  });

  it("keeps imports through a link inside the root", () => {
    const root = path.join(dir, "root");
    const outside = path.join(dir, "outside");
    mkdirSync(root);
    mkdirSync(outside);
    writeFileSync(path.join(outside, "types.arch"), "type T { id: string }\n");
    symlinkSync(outside, path.join(root, "shared"));
    writeFileSync(path.join(root, "main.arch"), 'import "shared/types.arch"\n');
    const ws = loadWorkspace([path.join(root, "main.arch")], { root, host: new OverlayHost() });
    expect(ws.files.flatMap((f) => f.diagnostics).map((d) => d.code)).toEqual(["E0002"]);
  });
});
