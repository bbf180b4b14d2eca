import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Property tests run hundreds of routed contacts; the adapters' tests start local servers.
    testTimeout: 30_000,
  },
});
