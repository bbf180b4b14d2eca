import { defineConfig } from "tsup";
import { deployedFunctions } from "./src/manifest/index.js";

/**
 * Two builds into `dist/`:
 *
 * - One self-contained ESM bundle per deployed function, `dist/<name>.mjs` exporting `handler`,
 *   one for each entry of the manifest's `deployedFunctions` (source `src/<name>.ts`).
 *   Everything is bundled, the AWS SDK included, so a function runs the SDK version this
 *   repository pins and tests rather than whatever the runtime ships.
 * - The manifest, `dist/manifest.js` with its types: plain data and the environment writer,
 *   for infra and the simulator, importing only core's contract (no SDK, no Powertools); and
 *   `dist/secrets.js`, how the functions fetch the caller-key secret, for the admin tool.
 *
 * Each build cleans only its own files, so the two can run side by side.
 */
export default defineConfig([
  {
    entry: Object.fromEntries(
      Object.values(deployedFunctions).map(({ name }) => [name, `src/${name}.ts`]),
    ),
    format: ["esm"],
    outExtension: () => ({ js: ".mjs" }),
    platform: "node",
    target: "node22",
    noExternal: [/.*/],
    minify: true,
    treeshake: true,
    splitting: false,
    sourcemap: false,
    clean: ["!manifest.*"],
    dts: false,
    esbuildOptions(options) {
      // Prefer the packages' ESM builds: they tree-shake, their CommonJS builds do not.
      options.mainFields = ["module", "main"];
      // Errors name themselves after their class (`this.name = new.target.name`); minified
      // names would turn "ConfigurationError" into "qc" in every log line.
      options.keepNames = true;
    },
    // Some bundled CommonJS dependencies call require() for Node built-ins, which an ESM
    // bundle only has through createRequire.
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
    },
  },
  {
    // `manifest.js` must stay directly in dist/: src/bundle-directory.ts finds the bundles
    // relative to it.
    entry: { manifest: "src/manifest/index.ts", secrets: "src/secrets/index.ts" },
    format: ["esm"],
    platform: "node",
    target: "node20",
    sourcemap: true,
    clean: ["!*.mjs"],
    // Shared code of the two entries goes to a chunk, so each module exists once.
    splitting: true,
    dts: true,
  },
]);
