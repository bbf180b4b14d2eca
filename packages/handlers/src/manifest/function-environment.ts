import type { FunctionId } from "./deployed-functions.js";
import { declarationOf, isRequiredBy, variablesReadBy } from "./environment-variables.js";
import type { FunctionSettings } from "./function-settings.js";
import { formatValue } from "./variable-types.js";

/**
 * The environment of one function, or the one environment several functions share (the
 * simulator runs every bundle in one process): exactly the variables they read, from
 * `settings`. Unset optional settings, and empty lists, are left out, so the function's own
 * default applies. Settings of variables the functions do not read are ignored, so one settings
 * object can serve every function.
 *
 * @throws TypeError naming the setting when a variable the functions need has no value (only a
 *   caller without types can get there).
 * @example
 * ```ts
 * import { functionEnvironment } from "@connect-affinity/handlers/manifest";
 * functionEnvironment("nextAgent", {
 *   affinityTableName: "affinity",
 *   connectInstance: instanceArn,
 *   maxAttempts: 3,
 * });
 * // { AFFINITY_TABLE_NAME: "affinity", CONNECT_INSTANCE_ID: "arn:…", MAX_ATTEMPTS: "3" }
 * ```
 */
export function functionEnvironment<F extends FunctionId>(
  functions: F | readonly F[],
  settings: FunctionSettings<F>,
): Readonly<Record<string, string>> {
  const values = settings as Readonly<Record<string, unknown>>;
  const environment: Record<string, string> = {};
  for (const name of variablesReadBy(functions)) {
    const declaration = declarationOf(name);
    const value = values[declaration.setting];
    if (value === undefined) {
      if (isRequiredBy(name, functions)) {
        throw new TypeError(`functionEnvironment: ${declaration.setting} (${name}) is required`);
      }
      continue;
    }
    const text = formatValue(declaration.type, value);
    if (text !== undefined) environment[name] = text;
  }
  return environment;
}
