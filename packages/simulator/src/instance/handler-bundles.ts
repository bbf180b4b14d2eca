import { pathToFileURL } from "node:url";
import { bundlePaths, type FunctionId, functionIds } from "@connect-affinity/handlers/manifest";
import type { LambdaFunction } from "../interpreter/lambda-function.js";

/** The handler bundles a simulated contact invokes: every function of the handlers' manifest. */
export const bundleNames = functionIds;

/** One of {@link bundleNames}. */
export type BundleName = FunctionId;

/** The `handler` export of each bundle. */
export type LoadedHandlers = Readonly<Record<BundleName, LambdaFunction>>;

let loads = 0;

/**
 * Imports the built handler bundles (`packages/handlers/dist/*.mjs`) and returns their
 * `handler` exports. Each call imports fresh module instances (a distinct query string per
 * load), so a run's Lambda "containers" (configuration, SDK clients, caches) never leak into
 * the next run, as with a new deployment. Set the environment before the first invocation:
 * the handlers read it then.
 *
 * A module instance stays in memory until the process ends (ESM modules are never unloaded):
 * each load costs about 20 MB more.
 *
 * @throws Error naming the missing file when the handlers package has not been built.
 */
export async function loadHandlerBundles(
  paths: Readonly<Record<BundleName, string>> = bundlePaths,
): Promise<LoadedHandlers> {
  loads += 1;
  const entries = await Promise.all(
    bundleNames.map(async (name): Promise<[BundleName, LambdaFunction]> => {
      const url = `${pathToFileURL(paths[name]).href}?load=${loads}`;
      let module: unknown;
      try {
        module = await import(url);
      } catch (error) {
        throw new Error(
          `Cannot load the ${name} handler bundle (${paths[name]}): build the handlers first ` +
            `(pnpm turbo run build --filter=@connect-affinity/simulator...). ${(error as Error).message}`,
        );
      }
      const handler = (module as { readonly handler?: unknown }).handler;
      if (typeof handler !== "function") {
        throw new Error(`The ${name} bundle (${paths[name]}) exports no handler function`);
      }
      const invoke = handler as (event: unknown) => Promise<unknown>;
      return [name, (event) => invoke(event)];
    }),
  );
  return Object.fromEntries(entries) as Record<BundleName, LambdaFunction>;
}
