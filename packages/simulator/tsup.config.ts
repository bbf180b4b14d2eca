import { existsSync } from "node:fs";
import { defineConfig } from "tsup";

// The benchmark entry belongs to another part of this package and may not exist yet.
const bench = existsSync("src/bench.ts")
  ? { bench: "src/bench.ts", "cell-worker": "src/bench/cell-worker.ts" }
  : {};

export default defineConfig({
  entry: { index: "src/index.ts", cli: "src/cli.ts", chaos: "src/chaos.ts", ...bench },
  format: ["esm"],
  dts: { entry: { index: "src/index.ts" } },
  clean: true,
  sourcemap: true,
  target: "node20",
  platform: "node",
});
