import { testOptions } from "@connect-affinity/testing/vitest";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Measured when set: 97.1 % of lines, 96.0 statements, 98.7 functions, 90.1 branches. The
    // thresholds sit a point or two under, so a change that drops coverage fails the run.
    ...testOptions({ lines: 95, statements: 94, functions: 97, branches: 88 }),
    // Property tests run hundreds of routed contacts; the adapters' tests start local servers.
    testTimeout: 30_000,
  },
});
