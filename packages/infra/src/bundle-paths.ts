import { existsSync } from "node:fs";
import { join } from "node:path";
import { deployedFunctions, type FunctionId } from "@connect-affinity/handlers/manifest";
import { MissingBundleError } from "./errors.js";
import { type FunctionName, functionNames } from "./function-catalog.js";

/** The built bundle of each routing function. */
export type BundlePaths = { readonly [F in FunctionName]: string };

/** Every bundle the stacks deploy: the routing functions and the agent-event consumer. */
export type BundleName = FunctionId;

/**
 * Where each routing function's bundle is: the handlers package's build by default, or
 * `<directory>/<name>.mjs` (e.g. `next-agent.mjs`) when a directory is given. Every file must
 * exist: a missing one is a clear error now rather than an empty Lambda later.
 *
 * @throws MissingBundleError naming the first missing bundle.
 */
export function resolveBundlePaths(directory?: string): BundlePaths {
  return Object.fromEntries(
    functionNames.map((name) => [name, resolveBundlePath(name, directory)]),
  ) as { [F in FunctionName]: string };
}

/**
 * Where one bundle is, as {@link resolveBundlePaths} finds it: the handlers manifest's
 * `bundlePath`, or `<directory>/<bundleFile>`.
 *
 * @throws MissingBundleError when the file does not exist.
 */
export function resolveBundlePath(name: BundleName, directory?: string): string {
  const { bundlePath, bundleFile } = deployedFunctions[name];
  const path = directory === undefined ? bundlePath : join(directory, bundleFile);
  if (!existsSync(path)) throw new MissingBundleError(name, path);
  return path;
}
