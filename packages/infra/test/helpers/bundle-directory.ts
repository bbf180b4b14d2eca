import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FunctionName, functionCatalog, functionNames } from "../../src/function-catalog.js";

/**
 * A temporary directory with a stand-in bundle for each of `functions`, so component tests do
 * not depend on the handlers' build (bundle-paths.test.ts checks the real bundles are found).
 */
export function makeBundleDirectory(functions: readonly FunctionName[] = functionNames): string {
  const directory = mkdtempSync(join(tmpdir(), "infra-bundles-"));
  for (const fn of functions) {
    writeFileSync(
      join(directory, `${functionCatalog[fn].slug}.mjs`),
      `export const handler = async () => ({ fn: "${fn}" });\n`,
    );
  }
  return directory;
}
