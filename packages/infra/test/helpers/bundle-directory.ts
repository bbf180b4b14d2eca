import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deployedFunctions, functionIds } from "@connect-affinity/handlers/manifest";
import type { BundleName } from "../../src/bundle-paths.js";

/** Every bundle a stack can deploy: the five routing functions and the agent-event consumer. */
export const allBundles: readonly BundleName[] = functionIds;

/**
 * A temporary directory with a stand-in bundle for each of `bundles`, so component tests do
 * not depend on the handlers' build (bundle-paths.test.ts checks the real bundles are found).
 */
export function makeBundleDirectory(bundles: readonly BundleName[] = allBundles): string {
  const directory = mkdtempSync(join(tmpdir(), "infra-bundles-"));
  for (const bundle of bundles) {
    writeFileSync(
      join(directory, deployedFunctions[bundle].bundleFile),
      `export const handler = async () => ({ bundle: "${bundle}" });\n`,
    );
  }
  return directory;
}
