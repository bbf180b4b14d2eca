import { existsSync } from "node:fs";
import { join } from "node:path";
import { bundles } from "@connect-affinity/handlers/bundles";
import { MissingBundleError } from "./errors.js";
import { type FunctionName, functionCatalog, functionNames } from "./function-catalog.js";

/** The built bundle of each routing function. */
export type BundlePaths = { readonly [F in FunctionName]: string };

/** Every bundle the stacks deploy: the routing functions and the agent-event consumer. */
export type BundleName = FunctionName | "agentEvents";

/** The agent-event consumer's bundle file name without `.mjs` (as the handlers build it). */
export const agentEventsSlug = "agent-events";

/**
 * Where each routing function's bundle is: the handlers package's build by default, or
 * `<directory>/<slug>.mjs` (e.g. `next-agent.mjs`) when a directory is given. Every file must
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
 * Where one bundle is, as {@link resolveBundlePaths} finds it: the handlers' `bundles[name]`,
 * or `<directory>/<slug>.mjs`.
 *
 * @throws MissingBundleError when the file does not exist.
 */
export function resolveBundlePath(name: BundleName, directory?: string): string {
  const slug = name === "agentEvents" ? agentEventsSlug : functionCatalog[name].slug;
  const path = directory === undefined ? bundles[name] : join(directory, `${slug}.mjs`);
  if (!existsSync(path)) throw new MissingBundleError(name, path);
  return path;
}
