import {
  deployedFunctions,
  type FunctionId,
  type FunctionSettings,
  functionEnvironment as manifestEnvironment,
} from "@connect-affinity/handlers/manifest";
import type { FunctionName } from "./function-catalog.js";

/**
 * The settings every routing function's environment is written from: the handlers manifest's
 * settings of the five functions (one key per variable, e.g. `maxAttempts` for `MAX_ATTEMPTS`),
 * without the service name, which each function gets from its own name, and without the
 * caller-key secret itself: a deployed function gets only `CALLER_KEY_SECRET_REF`, where the
 * secret lives, never the secret in its environment.
 */
export type HandlerSettings = Omit<
  FunctionSettings<FunctionName>,
  "serviceName" | "callerKeySecret"
>;

/** The settings of the agent-event consumer's environment. */
export type AgentEventConsumerSettings = Omit<FunctionSettings<"agentEvents">, "serviceName">;

/** The settings of the roster refresher's environment. */
export type RosterRefreshSettings = Omit<FunctionSettings<"rosterRefresh">, "serviceName">;

/**
 * The environment variables of one routing function: exactly those the handlers manifest says
 * it reads (the caller-key secret only to the functions that compute caller keys, the lifetime
 * only to those that write records, presence settings only to those that ask who is
 * available), and `POWERTOOLS_SERVICE_NAME` `connect-affinity-<function>`. `CONNECT_INSTANCE_ID`
 * holds the ARN, so the handlers also learn the instance's Region.
 *
 * @example
 * ```ts
 * const variables = functionEnvironment("route", { affinityTableName, connectInstance: instanceArn, presenceSource: "connect-api" });
 * ```
 */
export function functionEnvironment(
  name: FunctionName,
  settings: HandlerSettings,
): Readonly<Record<string, string>> {
  return environmentOf(name, settings);
}

/**
 * The environment of the agent-event consumer (`agent-events` bundle): the presence table it
 * writes, optionally how long an item lives, the log level and its service name. It reads no
 * affinity table and no instance.
 *
 * @example
 * ```ts
 * const variables = agentEventConsumerEnvironment({ presenceTableName: "presence-dev" });
 * ```
 */
export function agentEventConsumerEnvironment(
  settings: AgentEventConsumerSettings,
): Readonly<Record<string, string>> {
  return environmentOf("agentEvents", settings);
}

/**
 * The environment of the roster refresher (`roster-refresh` bundle): the presence table, the
 * instance and directory filter, its pacing, the log level and its service name.
 *
 * @example
 * ```ts
 * const variables = rosterRefreshEnvironment({ presenceTableName: "presence-dev", connectInstance: instanceArn });
 * ```
 */
export function rosterRefreshEnvironment(
  settings: RosterRefreshSettings,
): Readonly<Record<string, string>> {
  return environmentOf("rosterRefresh", settings);
}

function environmentOf<F extends FunctionId>(
  fn: F,
  settings: Omit<FunctionSettings<F>, "serviceName">,
): Readonly<Record<string, string>> {
  return manifestEnvironment(fn, {
    ...settings,
    serviceName: `connect-affinity-${deployedFunctions[fn].name}`,
  } as FunctionSettings<F>);
}
