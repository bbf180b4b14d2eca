import { defineConfig } from "tsup";

/**
 * `dist/index.js` is the Pulumi program (`main` in Pulumi.yaml), so `pulumi up` runs compiled
 * JavaScript and needs neither ts-node nor a TypeScript setup of its own. `dist/component.js`
 * (with types) is the component other Pulumi projects import; `dist/preview.js` the offline
 * preview (`pnpm preview`). Dependencies stay external: the
 * workspace packages resolve to their own builds.
 */
export default defineConfig({
  entry: { index: "src/index.ts", component: "src/component.ts", preview: "src/preview-cli.ts" },
  format: ["esm"],
  dts: { entry: { component: "src/component.ts" } },
  clean: true,
  sourcemap: true,
  target: "node20",
  platform: "node",
});
