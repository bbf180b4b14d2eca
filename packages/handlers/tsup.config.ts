import { defineConfig } from "tsup";

/**
 * One self-contained ESM bundle per Lambda function, `dist/<name>.mjs` exporting `handler`.
 * Everything is bundled, the AWS SDK included, so a function runs the SDK version this
 * repository pins and tests rather than whatever the runtime ships.
 */
export default defineConfig({
  entry: {
    route: "src/route.ts",
    "next-agent": "src/next-agent.ts",
    record: "src/record.ts",
    "routing-criteria": "src/routing-criteria.ts",
    "contact-event": "src/contact-event.ts",
    "agent-events": "src/agent-events.ts",
  },
  format: ["esm"],
  outExtension: () => ({ js: ".mjs" }),
  platform: "node",
  target: "node22",
  noExternal: [/.*/],
  minify: true,
  treeshake: true,
  splitting: false,
  sourcemap: false,
  clean: true,
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
});
