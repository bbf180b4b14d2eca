import { type FunctionName, functionCatalog } from "./function-catalog.js";
import type { PresenceSource } from "./presence-source.js";

/** The new-caller strategies the handlers accept in `NEW_CALLER_STRATEGY`. */
export const newCallerStrategies = ["longest-idle", "random", "caller-hash"] as const;

/** One of {@link newCallerStrategies}. */
export type NewCallerStrategy = (typeof newCallerStrategies)[number];

/** The log levels the handlers accept in `LOG_LEVEL`. */
export const logLevels = ["DEBUG", "INFO", "WARN", "ERROR"] as const;

/** One of {@link logLevels}. */
export type LogLevel = (typeof logLevels)[number];

/** Where the functions that ask who is available get the answer, with what they need for it. */
export type PresenceSettings =
  | { readonly source: Exclude<PresenceSource, "event-stream"> }
  | {
      readonly source: "event-stream";
      readonly tableName: string;
      /** How old an item or the stream watermark may be (the handlers' default if unset). */
      readonly maxAgeSeconds?: number;
    };

/** Resolved settings every function's environment is built from. */
export interface HandlerSettings {
  readonly tableName: string;
  readonly instanceArn: string;
  readonly presence: PresenceSettings;
  readonly maxAttempts: number;
  /** Language of the texts `record` returns for the flow to play. */
  readonly recordMessageLanguage: "ja" | "en";
  readonly routingProfileIds: readonly string[];
  readonly strategy?: NewCallerStrategy;
  readonly affinityLifetimeDays?: number;
  readonly preferredAgentExpirySeconds?: number;
  readonly callerKeySecret?: string;
  readonly defaultCallingCode?: string;
  readonly logLevel?: LogLevel;
}

/**
 * The environment variables of one function, named as `packages/handlers/README.md` documents
 * them. Each function gets only what it reads: the caller-key secret goes only to the functions
 * that compute caller keys, the lifetime only to those that write records, presence settings
 * only to those that ask who is available. `CONNECT_INSTANCE_ID` holds the ARN, so the handlers
 * also learn the instance's Region.
 *
 * @example
 * ```ts
 * const variables = functionEnvironment("route", { tableName, instanceArn, presence: { source: "connect-api" }, maxAttempts: 5, recordMessageLanguage: "ja", routingProfileIds: [] });
 * ```
 */
export function functionEnvironment(
  name: FunctionName,
  settings: HandlerSettings,
): Readonly<Record<string, string>> {
  const needs = functionCatalog[name];
  const variables: Record<string, string> = {
    AFFINITY_TABLE_NAME: settings.tableName,
    CONNECT_INSTANCE_ID: settings.instanceArn,
    POWERTOOLS_SERVICE_NAME: `connect-affinity-${needs.slug}`,
  };
  if (settings.logLevel !== undefined) variables["LOG_LEVEL"] = settings.logLevel;
  if (settings.routingProfileIds.length > 0) {
    variables["ROUTING_PROFILE_IDS"] = settings.routingProfileIds.join(",");
  }
  if (needs.keysCallers) {
    if (settings.callerKeySecret !== undefined) {
      variables["CALLER_KEY_SECRET"] = settings.callerKeySecret;
    }
    if (settings.defaultCallingCode !== undefined) {
      variables["DEFAULT_CALLING_CODE"] = settings.defaultCallingCode;
    }
  }
  if (needs.readsPresence) {
    Object.assign(variables, presenceVariables(settings.presence));
    variables["MAX_ATTEMPTS"] = String(settings.maxAttempts);
    if (settings.strategy !== undefined) variables["NEW_CALLER_STRATEGY"] = settings.strategy;
  }
  if (needs.recordsAffinity) {
    variables["RECORD_MESSAGE_LANGUAGE"] = settings.recordMessageLanguage;
    if (settings.affinityLifetimeDays !== undefined) {
      variables["AFFINITY_LIFETIME_DAYS"] = String(settings.affinityLifetimeDays);
    }
  }
  if (needs.buildsRoutingCriteria && settings.preferredAgentExpirySeconds !== undefined) {
    variables["PREFERRED_AGENT_EXPIRY_SECONDS"] = String(settings.preferredAgentExpirySeconds);
  }
  // Functions that never look up presence are told so: a cold start then builds no presence
  // client, and their role has no GetCurrentUserData to use anyway.
  if (!needs.readsPresence) variables["PRESENCE_SOURCE"] = "none";
  return variables;
}

function presenceVariables(presence: PresenceSettings): Record<string, string> {
  switch (presence.source) {
    case "event-stream":
      return {
        PRESENCE_SOURCE: presence.source,
        PRESENCE_TABLE_NAME: presence.tableName,
        ...(presence.maxAgeSeconds === undefined
          ? {}
          : { PRESENCE_MAX_AGE_SECONDS: String(presence.maxAgeSeconds) }),
      };
    case "connect-api":
    case "none":
      return { PRESENCE_SOURCE: presence.source };
  }
}

/** Resolved settings of the agent-event consumer's environment. */
export interface AgentEventConsumerSettings {
  readonly presenceTableName: string;
  /** How long an agent's item lives after its last event (the handlers' default if unset). */
  readonly presenceTtlSeconds?: number;
  readonly logLevel?: LogLevel;
}

/**
 * The environment of the agent-event consumer (`agent-events` bundle), named as
 * `packages/handlers/README.md` documents it: the presence table it writes, optionally how
 * long an item lives, and the log level. It reads no affinity table and no instance.
 *
 * @example
 * ```ts
 * const variables = agentEventConsumerEnvironment({ presenceTableName: "presence-dev" });
 * ```
 */
export function agentEventConsumerEnvironment(
  settings: AgentEventConsumerSettings,
): Readonly<Record<string, string>> {
  return {
    PRESENCE_TABLE_NAME: settings.presenceTableName,
    POWERTOOLS_SERVICE_NAME: "connect-affinity-agent-events",
    ...(settings.presenceTtlSeconds === undefined
      ? {}
      : { PRESENCE_TTL_SECONDS: String(settings.presenceTtlSeconds) }),
    ...(settings.logLevel === undefined ? {} : { LOG_LEVEL: settings.logLevel }),
  };
}
