import type { ViteUserConfig } from "vitest/config";

/** The `test` block of a vitest configuration. */
export type TestOptions = NonNullable<ViteUserConfig["test"]>;

/** The least coverage, in percent, a package's tests must reach; the run fails below it. */
export interface CoverageThresholds {
  readonly lines: number;
  readonly statements: number;
  readonly functions: number;
  readonly branches: number;
}

/**
 * What every package's vitest configuration shares: tests under `test/`, v8 coverage of `src/`
 * (a summary in the output, `coverage/coverage-summary.json` on disk) held to the package's own
 * thresholds, and an environment without the AWS SDK's once-per-process Node version notice,
 * which every test file that loads the SDK would otherwise print again.
 *
 * @example
 * ```ts
 * import { testOptions } from "@connect-affinity/testing/vitest";
 * import { defineConfig } from "vitest/config";
 *
 * export default defineConfig({
 *   test: { ...testOptions({ lines: 95, statements: 94, functions: 96, branches: 88 }) },
 * });
 * ```
 */
export function testOptions(thresholds: CoverageThresholds): TestOptions {
  return {
    include: ["test/**/*.test.ts"],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      exclude: ["src/**/*.d.ts"],
      reporter: ["text-summary", "json-summary"],
      thresholds: { ...thresholds },
    },
  };
}
