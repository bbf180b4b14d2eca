import { existsSync } from "node:fs";
import { join } from "node:path";
import { bundles } from "@connect-affinity/handlers/bundles";
import { MissingBundleError } from "./errors.js";
import { type FunctionName, functionCatalog, functionNames } from "./function-catalog.js";

/** The built bundle of each function. */
export type BundlePaths = { readonly [F in FunctionName]: string };

/**
 * Where each function's bundle is: the handlers package's build by default, or
 * `<directory>/<slug>.mjs` (e.g. `next-agent.mjs`) when a directory is given. Every file must
 * exist: a missing one is a clear error now rather than an empty Lambda later.
 *
 * @throws MissingBundleError naming the first missing bundle.
 */
export function resolveBundlePaths(directory?: string): BundlePaths {
  const paths = Object.fromEntries(
    functionNames.map((name) => [
      name,
      directory === undefined
        ? bundles[name]
        : join(directory, `${functionCatalog[name].slug}.mjs`),
    ]),
  ) as { [F in FunctionName]: string };
  for (const name of functionNames) {
    if (!existsSync(paths[name])) throw new MissingBundleError(name, paths[name]);
  }
  return paths;
}
