import { defineConfig } from "tsup";

/**
 * `dist/cli.js` is the `connect-affinity` command (a shebang, ESM); `dist/index.js` the same
 * program as a library, for tests and scripts. Dependencies stay external: the workspace
 * packages resolve to their own builds.
 */
export default defineConfig({
  entry: { cli: "src/cli.ts", index: "src/index.ts" },
  format: ["esm"],
  dts: { entry: { index: "src/index.ts" } },
  clean: true,
  sourcemap: true,
  target: "node20",
  platform: "node",
});
