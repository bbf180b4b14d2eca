import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Importing five 600 KB bundles, or SDK retries against a closed port, can outlast the
    // 5-second default on a loaded machine; these bounds only stop a hung test.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
