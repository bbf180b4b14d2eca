import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The end-to-end tests run whole scenarios through dynalite and the real bundles.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Scenario runs patch process-wide state (environment, Date.now): one file at a time.
    fileParallelism: false,
  },
});
