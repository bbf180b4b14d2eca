import { fileURLToPath } from "node:url";

/**
 * Absolute path of the directory holding the built bundles (`<package>/dist/`). This module
 * sits one folder below the package root both as source (`src/`) and once built into
 * `dist/manifest.js`, so `../dist/` names the build folder either way; keep it at that depth.
 */
export const bundleDirectory: string = fileURLToPath(new URL("../dist/", import.meta.url));
