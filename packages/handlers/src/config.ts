import { ConnectAffinityError } from "@connect-affinity/core";
import {
  type ConnectInstance,
  type DirectoryFilter,
  parseConnectInstance,
} from "@connect-affinity/core/connect";
import * as z from "zod";
import { ConfigurationError, type ConfigurationProblem } from "./errors.js";

/** The new-caller strategies the router knows (see core's `StickyRouter` options). */
export const newCallerStrategies = ["longest-idle", "random", "caller-hash"] as const;

/**
 * Where the router learns who is available now: `connect-api` (`GetCurrentUserData` per
 * contact), `event-stream` (the presence table the agent-event-stream consumer keeps) or
 * `none` (the flow's staffing check decides).
 */
export const presenceSources = ["connect-api", "event-stream", "none"] as const;

/** The languages of the built-in `record` messages. */
export const recordMessageLanguages = ["ja", "en"] as const;

/** Powertools log levels accepted in `LOG_LEVEL` (any case). */
export const logLevels = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "CRITICAL", "SILENT"] as const;

/** A log level name; see {@link logLevels}. */
export type LogLevelName = (typeof logLevels)[number];

/** The presence source, from `PRESENCE_SOURCE`, `PRESENCE_TABLE_NAME`, `PRESENCE_MAX_AGE_SECONDS`. */
export type PresenceConfig =
  | { readonly source: "connect-api" }
  | { readonly source: "event-stream"; readonly tableName: string; readonly maxAgeMs?: number }
  | { readonly source: "none" };

/**
 * The router options the environment sets. A key is present only when its variable is set,
 * so core's defaults apply to everything else.
 */
export interface RouterSettings {
  readonly strategy?: (typeof newCallerStrategies)[number];
  readonly maxAttempts?: number;
  readonly affinityLifetimeSeconds?: number;
  readonly callerKeySecret?: string;
  readonly defaultCallingCode?: string;
  readonly preferredAgentExpirySeconds?: number;
  readonly presenceWindow?: number;
  readonly idlePoolSize?: number;
  readonly contactIndexLifetimeSeconds?: number;
  readonly reservationSeconds?: number;
}

/** The texts `record` returns for the flow to play. */
export interface RecordMessageSettings {
  readonly language: (typeof recordMessageLanguages)[number];
  /** Replaces the language's default "recorded" text. */
  readonly recorded?: string;
  /** Replaces the language's default "skipped" text. */
  readonly skipped?: string;
}

/** Everything the handlers read from their environment, validated. */
export interface HandlerConfig {
  readonly tableName: string;
  readonly instance: ConnectInstance;
  readonly router: RouterSettings;
  readonly recordMessages: RecordMessageSettings;
  /** Which users are routable agents; absent means every user of the instance. */
  readonly directoryFilter?: DirectoryFilter;
  readonly directoryCacheTtlMs?: number;
  readonly presence: PresenceConfig;
  /** Agent status names that take contacts (presence from the Connect API). */
  readonly routableStatusNames?: readonly string[];
  readonly presenceCacheTtlMs?: number;
  readonly logLevel?: LogLevelName;
}

const tableNamePattern = /^[A-Za-z0-9_.-]{3,255}$/;
const resourceIdPattern = /^[A-Za-z0-9-]{1,100}$/;

// Lambda consoles and IaC tools write unset optional variables as "", so blank means unset.
const blank = (value: unknown): unknown =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const trimmed = z.string().trim();

const required = <T extends z.ZodType<unknown, string>>(schema: T) =>
  z
    .preprocess(
      blank,
      z.custom<string>((value) => value !== undefined, { error: "is required but not set" }),
    )
    .pipe(schema);

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

const wholeNumber = (min: number, max: number) =>
  trimmed.transform((text, ctx) => {
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      ctx.addIssue({
        code: "custom",
        message: `must be a whole number from ${min} to ${max} (got "${text}")`,
      });
      return z.NEVER;
    }
    return value;
  });

const oneOf = <const T extends readonly [string, ...string[]]>(
  values: T,
  fold: "lower" | "upper",
) =>
  trimmed.transform((text, ctx): T[number] => {
    const folded = fold === "lower" ? text.toLowerCase() : text.toUpperCase();
    const match: T[number] | undefined = values.find((value) => value === folded);
    if (match === undefined) {
      ctx.addIssue({
        code: "custom",
        message: `must be one of ${values.join(", ")} (got "${text}")`,
      });
      return z.NEVER;
    }
    return match;
  });

const idList = (what: string) =>
  trimmed.transform((text, ctx) => {
    const ids = text
      .split(",")
      .map((id) => id.trim())
      .filter((id) => id !== "");
    const bad = ids.filter((id) => !resourceIdPattern.test(id));
    if (bad.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `must be a comma-separated list of ${what} IDs (bad: "${bad.join('", "')}")`,
      });
      return z.NEVER;
    }
    return ids;
  });

const names = trimmed.transform((text) =>
  text
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== ""),
);

const flag = trimmed.transform((text, ctx) => {
  const folded = text.toLowerCase();
  if (folded === "true") return true;
  if (folded === "false") return false;
  ctx.addIssue({ code: "custom", message: `must be true or false (got "${text}")` });
  return z.NEVER;
});

const message = trimmed.max(1024, { error: "must be at most 1024 characters" });

const environmentSchema = z.object({
  AFFINITY_TABLE_NAME: required(
    trimmed.regex(tableNamePattern, {
      error: "must be a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)",
    }),
  ),
  CONNECT_INSTANCE_ID: required(
    trimmed.transform((text, ctx): ConnectInstance => {
      try {
        return parseConnectInstance(text);
      } catch (error) {
        if (!(error instanceof ConnectAffinityError)) throw error;
        ctx.addIssue({
          code: "custom",
          message: `must be an Amazon Connect instance ID or instance ARN (got "${text}")`,
        });
        return z.NEVER;
      }
    }),
  ),
  AFFINITY_LIFETIME_DAYS: optional(wholeNumber(1, 3650)),
  // The secret's value never appears in a message.
  CALLER_KEY_SECRET: optional(
    z.string().min(16, { error: "must be at least 16 characters when set" }),
  ),
  NEW_CALLER_STRATEGY: optional(oneOf(newCallerStrategies, "lower")),
  MAX_ATTEMPTS: optional(wholeNumber(1, 100)),
  ROUTING_PROFILE_IDS: optional(idList("routing profile")),
  HIERARCHY_GROUP_IDS: optional(idList("hierarchy group")),
  HIERARCHY_INCLUDE_CHILD_GROUPS: optional(flag),
  DEFAULT_CALLING_CODE: optional(
    trimmed.regex(/^\+?[1-9]\d{0,2}$/, {
      error: "must be a country calling code such as 81 or +81",
    }),
  ),
  RECORD_MESSAGE_LANGUAGE: optional(oneOf(recordMessageLanguages, "lower")),
  RECORD_MESSAGE_RECORDED: optional(message),
  RECORD_MESSAGE_SKIPPED: optional(message),
  PREFERRED_AGENT_EXPIRY_SECONDS: optional(wholeNumber(1, 86_400)),
  DIRECTORY_CACHE_TTL_SECONDS: optional(wholeNumber(0, 86_400)),
  PRESENCE_SOURCE: optional(oneOf(presenceSources, "lower")),
  PRESENCE_TABLE_NAME: optional(
    trimmed.regex(tableNamePattern, { error: "must be a DynamoDB table name" }),
  ),
  PRESENCE_MAX_AGE_SECONDS: optional(wholeNumber(1, 3600)),
  PRESENCE_WINDOW: optional(wholeNumber(1, 100)),
  IDLE_POOL_SIZE: optional(wholeNumber(1, 100)),
  // How long an offered agent stays reserved on the presence table; 0 turns reservations off.
  RESERVATION_SECONDS: optional(wholeNumber(0, 300)),
  // Contact index lifetime: from 1 minute to 8 days (chats and tasks can wait days).
  CONTACT_INDEX_TTL_SECONDS: optional(wholeNumber(60, 691_200)),
  PRESENCE_CACHE_TTL_MS: optional(wholeNumber(0, 60_000)),
  ROUTABLE_STATUS_NAMES: optional(names),

  LOG_LEVEL: optional(oneOf(logLevels, "upper")),
});

/** The environment variables the handlers read, in documentation order. */
export const environmentVariables = Object.keys(environmentSchema.shape) as readonly string[];

const agentEventsEnvironmentSchema = z.object({
  PRESENCE_TABLE_NAME: required(
    trimmed.regex(tableNamePattern, { error: "must be a DynamoDB table name" }),
  ),
  // Heartbeats refresh a logged-in agent's item every 120 s, so even the minimum keeps it alive.
  PRESENCE_TTL_SECONDS: optional(wholeNumber(600, 31_536_000)),
  ROUTABLE_STATUS_NAMES: optional(names),
  LOG_LEVEL: optional(oneOf(logLevels, "upper")),
});

/** The environment variables the agent-events function reads, in documentation order. */
export const agentEventsEnvironmentVariables = Object.keys(
  agentEventsEnvironmentSchema.shape,
) as readonly string[];

/**
 * What the agent-events function (the agent-event-stream consumer) reads from its
 * environment, validated. It needs neither the affinity table nor the Connect instance.
 */
export interface AgentEventsConfig {
  /** The presence table (created from core's `createPresenceTableInput`). */
  readonly presenceTableName: string;
  /** How long an agent's item outlives their last event; core's default when absent. */
  readonly ttlSeconds?: number;
  /** Status names that take contacts, for events whose status carries no `Type`. */
  readonly routableStatusNames?: readonly string[];
  readonly logLevel?: LogLevelName;
}

/**
 * Reads and validates the agent-events function's configuration, every problem at once.
 *
 * @throws ConfigurationError when `PRESENCE_TABLE_NAME` is missing or any value is unusable.
 * @example
 * ```ts
 * const config = loadAgentEventsConfig(process.env);
 * config.presenceTableName; // "connect-affinity-presence"
 * ```
 */
export function loadAgentEventsConfig(
  environment: Readonly<Record<string, string | undefined>>,
): AgentEventsConfig {
  const parsed = agentEventsEnvironmentSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigurationError(problemsOf(parsed.error));
  }
  const env = parsed.data;
  return {
    presenceTableName: env.PRESENCE_TABLE_NAME,
    ...(env.PRESENCE_TTL_SECONDS === undefined ? {} : { ttlSeconds: env.PRESENCE_TTL_SECONDS }),
    ...(env.ROUTABLE_STATUS_NAMES === undefined || env.ROUTABLE_STATUS_NAMES.length === 0
      ? {}
      : { routableStatusNames: env.ROUTABLE_STATUS_NAMES }),
    ...(env.LOG_LEVEL === undefined ? {} : { logLevel: env.LOG_LEVEL }),
  };
}

function problemsOf(error: z.ZodError): readonly ConfigurationProblem[] {
  return error.issues.map(
    (issue): ConfigurationProblem => ({
      variable: String(issue.path[0] ?? "environment"),
      problem: issue.message,
    }),
  );
}

/**
 * Reads and validates the handlers' configuration. Every problem is reported at once, each
 * naming its variable.
 *
 * @throws ConfigurationError when a required variable is missing or any value is unusable.
 * @example
 * ```ts
 * const config = loadConfig(process.env);
 * ```
 */
export function loadConfig(
  environment: Readonly<Record<string, string | undefined>>,
): HandlerConfig {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigurationError(problemsOf(parsed.error));
  }
  const env = parsed.data;
  const presence = presenceConfig(
    env.PRESENCE_SOURCE,
    env.PRESENCE_TABLE_NAME,
    env.PRESENCE_MAX_AGE_SECONDS,
  );
  return {
    tableName: env.AFFINITY_TABLE_NAME,
    instance: env.CONNECT_INSTANCE_ID,
    router: {
      ...(env.NEW_CALLER_STRATEGY === undefined ? {} : { strategy: env.NEW_CALLER_STRATEGY }),
      ...(env.MAX_ATTEMPTS === undefined ? {} : { maxAttempts: env.MAX_ATTEMPTS }),
      ...(env.AFFINITY_LIFETIME_DAYS === undefined
        ? {}
        : { affinityLifetimeSeconds: env.AFFINITY_LIFETIME_DAYS * 86_400 }),
      ...(env.CALLER_KEY_SECRET === undefined ? {} : { callerKeySecret: env.CALLER_KEY_SECRET }),
      ...(env.DEFAULT_CALLING_CODE === undefined
        ? {}
        : { defaultCallingCode: env.DEFAULT_CALLING_CODE.replace(/^\+/, "") }),
      ...(env.PREFERRED_AGENT_EXPIRY_SECONDS === undefined
        ? {}
        : { preferredAgentExpirySeconds: env.PREFERRED_AGENT_EXPIRY_SECONDS }),
      ...(env.PRESENCE_WINDOW === undefined ? {} : { presenceWindow: env.PRESENCE_WINDOW }),
      ...(env.IDLE_POOL_SIZE === undefined ? {} : { idlePoolSize: env.IDLE_POOL_SIZE }),
      ...(env.RESERVATION_SECONDS === undefined
        ? {}
        : { reservationSeconds: env.RESERVATION_SECONDS }),
      ...(env.CONTACT_INDEX_TTL_SECONDS === undefined
        ? {}
        : { contactIndexLifetimeSeconds: env.CONTACT_INDEX_TTL_SECONDS }),
    },
    recordMessages: {
      language: env.RECORD_MESSAGE_LANGUAGE ?? "ja",
      ...(env.RECORD_MESSAGE_RECORDED === undefined
        ? {}
        : { recorded: env.RECORD_MESSAGE_RECORDED }),
      ...(env.RECORD_MESSAGE_SKIPPED === undefined ? {} : { skipped: env.RECORD_MESSAGE_SKIPPED }),
    },
    ...directoryFilterOf(
      env.ROUTING_PROFILE_IDS,
      env.HIERARCHY_GROUP_IDS,
      env.HIERARCHY_INCLUDE_CHILD_GROUPS,
    ),
    ...(env.DIRECTORY_CACHE_TTL_SECONDS === undefined
      ? {}
      : { directoryCacheTtlMs: env.DIRECTORY_CACHE_TTL_SECONDS * 1000 }),
    presence,
    ...(env.ROUTABLE_STATUS_NAMES === undefined || env.ROUTABLE_STATUS_NAMES.length === 0
      ? {}
      : { routableStatusNames: env.ROUTABLE_STATUS_NAMES }),
    ...(env.PRESENCE_CACHE_TTL_MS === undefined
      ? {}
      : { presenceCacheTtlMs: env.PRESENCE_CACHE_TTL_MS }),
    ...(env.LOG_LEVEL === undefined ? {} : { logLevel: env.LOG_LEVEL }),
  };
}

function directoryFilterOf(
  routingProfileIds: readonly string[] | undefined,
  hierarchyGroupIds: readonly string[] | undefined,
  includeChildGroups: boolean | undefined,
): { readonly directoryFilter?: DirectoryFilter } {
  const filter: DirectoryFilter = {
    ...(routingProfileIds === undefined || routingProfileIds.length === 0
      ? {}
      : { routingProfileIds }),
    ...(hierarchyGroupIds === undefined || hierarchyGroupIds.length === 0
      ? {}
      : { hierarchyGroupIds, ...(includeChildGroups === undefined ? {} : { includeChildGroups }) }),
  };
  return Object.keys(filter).length === 0 ? {} : { directoryFilter: filter };
}

function presenceConfig(
  source: (typeof presenceSources)[number] | undefined,
  tableName: string | undefined,
  maxAgeSeconds: number | undefined,
): PresenceConfig {
  if (source !== "event-stream") return { source: source ?? "connect-api" };
  if (tableName === undefined) {
    throw new ConfigurationError([
      {
        variable: "PRESENCE_TABLE_NAME",
        problem: "is required when PRESENCE_SOURCE=event-stream",
      },
    ]);
  }
  return {
    source,
    tableName,
    ...(maxAgeSeconds === undefined ? {} : { maxAgeMs: maxAgeSeconds * 1000 }),
  };
}
