import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    dynalite: "src/dynalite.ts",
    fixtures: "src/fixtures.ts",
    handlers: "src/handlers.ts",
    vitest: "src/vitest.ts",
  },
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  platform: "node",
});
