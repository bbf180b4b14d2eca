import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    // Keeps the CLI, which the second build writes to the same directory at the same time.
    clean: ["!cli.js", "!cli.js.map"],
    sourcemap: true,
    target: "node20",
    treeshake: true,
  },
  {
    // The CLI is an ESM executable only; it imports the library like any user would.
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    dts: false,
    sourcemap: true,
    target: "node20",
    banner: { js: "#!/usr/bin/env node" },
  },
]);
