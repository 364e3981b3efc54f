import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "bench/test/**/*.test.ts", "examples/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "forks",
    globalSetup: ["scripts/vitest-build.ts"],
    setupFiles: ["scripts/vitest-setup.ts"],
    // The compiled Model is deep-frozen in tests so a stage or rule that mutates it fails.
    env: { ARCHC_DEEP_FREEZE: "1" },
  },
});
