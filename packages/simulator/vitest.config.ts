import { testOptions } from "@connect-affinity/testing/vitest";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Measured when set (the merge of main's chaos runner and the bench's cost accounting):
    // 90.1 % of lines, 88.2 statements, 89.6 functions, 78.8 branches; the CLIs (cli.ts,
    // chaos.ts, the bench command and its worker) run in child processes or worker threads,
    // which v8 does not count. The thresholds sit a point or two under, so a change that drops
    // coverage fails the run.
    ...testOptions({ lines: 89, statements: 87, functions: 88, branches: 77 }),
    // The end-to-end tests run whole scenarios through dynalite and the real bundles.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Scenario runs patch process-wide state (environment, Date.now): one file at a time.
    fileParallelism: false,
    // Node imports the handler bundles (self-contained .mjs files, wherever a run copies them)
    // itself, as Lambda does, instead of Vite transforming them: each scenario imports them
    // afresh, and transforming six 600 KB bundles every time was most of this suite's run time.
    server: { deps: { external: [/\.mjs(\?|$)/] } },
  },
});
