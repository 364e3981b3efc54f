import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "bench/test/**/*.test.ts", "examples/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "forks",
    globalSetup: ["scripts/vitest-build.ts"],
  },
});
