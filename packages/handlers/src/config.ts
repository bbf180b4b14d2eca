import { ConnectAffinityError } from "@connect-affinity/core";
import {
  type ConnectInstance,
  type DirectoryFilter,
  parseConnectInstance,
} from "@connect-affinity/core/connect";
import type {
  Channel,
  Language,
  LogLevel,
  NewCallerStrategyName,
  PresenceSource,
} from "@connect-affinity/core/contract";
import * as z from "zod";
import { ConfigurationError, type ConfigurationProblem } from "./errors.js";
import {
  callingCodePattern,
  declarationOf,
  environmentVariables,
  type FunctionId,
  type FunctionSettings,
  isRequiredBy,
  resourceIdPattern,
  routerFunctionIds,
  tableNamePattern,
  type VariableName,
  type VariableType,
  variablesReadBy,
} from "./manifest/index.js";

/**
 * The presence source, from `PRESENCE_SOURCE`, `PRESENCE_TABLE_NAME`, `PRESENCE_MAX_AGE_SECONDS`.
 * With `event-stream` the routers read the shared roster and the agent index on the presence
 * table; otherwise each container lists the directory itself.
 */
export type PresenceConfig =
  | { readonly source: "connect-api" }
  | { readonly source: "event-stream"; readonly tableName: string; readonly maxAgeMs?: number }
  | { readonly source: "none" };

/**
 * The router options the environment sets. A key is present only when its variable is set,
 * so core's defaults apply to everything else.
 */
export interface RouterSettings {
  readonly strategy?: NewCallerStrategyName;
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
  readonly language: Language;
  /** Replaces the language's default "recorded" text. */
  readonly recorded?: string;
  /** Replaces the language's default "skipped" text. */
  readonly skipped?: string;
}

/** Everything the router functions read from their environment, validated. */
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
  readonly logLevel?: LogLevel;
}

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
  /** Which users are agents; absent means every user of the instance. */
  readonly directoryFilter?: DirectoryFilter;
  /** Shards of each channel's index; core's default when absent. */
  readonly indexShards?: number;
  /** The indexed channels; core's default (`VOICE`) when absent. */
  readonly indexChannels?: readonly Channel[];
  /** How often an unchanged agent's item is refreshed (s); core's default when absent. */
  readonly refreshSeconds?: number;
  readonly logLevel?: LogLevel;
}

/** What the roster refresher reads from its environment, validated. */
export interface RosterRefreshConfig {
  readonly presenceTableName: string;
  readonly instance: ConnectInstance;
  /** Which users are agents; absent means every user of the instance. */
  readonly directoryFilter?: DirectoryFilter;
  /** Core's `RosterRefresher` options the environment sets. */
  readonly refresher: {
    readonly intervalMinutes?: number;
    readonly maxPagesPerRun?: number;
    readonly requestSpacingMs?: number;
  };
  readonly logLevel?: LogLevel;
}

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

// Any case is accepted; the declared spelling is returned.
const oneOf = (values: readonly [string, ...string[]]) =>
  trimmed.transform((text, ctx) => {
    const match = values.find((value) => value.toLowerCase() === text.toLowerCase());
    if (match === undefined) {
      ctx.addIssue({
        code: "custom",
        message: `must be one of ${values.join(", ")} (got "${text}")`,
      });
      return z.NEVER;
    }
    return match;
  });

// An empty list (",") reads as unset, as a blank variable does.
const list = (items: readonly string[]): readonly string[] | undefined =>
  items.length === 0 ? undefined : items;

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
    return list(ids);
  });

const names = trimmed.transform((text) =>
  list(
    text
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== ""),
  ),
);

// Any case is accepted; the declared spellings are returned.
const valueList = (values: readonly [string, ...string[]]) =>
  trimmed.transform((text, ctx) => {
    const items = text
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== "");
    const matched = items.map((item) =>
      values.find((value) => value.toLowerCase() === item.toLowerCase()),
    );
    const bad = items.filter((_, index) => matched[index] === undefined);
    if (bad.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `must be a comma-separated list of ${values.join(", ")} (bad: "${bad.join('", "')}")`,
      });
      return z.NEVER;
    }
    return list([...new Set(matched as string[])]);
  });

const flag = trimmed.transform((text, ctx) => {
  const folded = text.toLowerCase();
  if (folded === "true") return true;
  if (folded === "false") return false;
  ctx.addIssue({ code: "custom", message: `must be true or false (got "${text}")` });
  return z.NEVER;
});

const connectInstance = trimmed.transform((text, ctx) => {
  try {
    parseConnectInstance(text);
    return text;
  } catch (error) {
    if (!(error instanceof ConnectAffinityError)) throw error;
    ctx.addIssue({
      code: "custom",
      message: `must be an Amazon Connect instance ID or instance ARN (got "${text}")`,
    });
    return z.NEVER;
  }
});

/** How a variable of `type` is validated and converted into its setting's value. */
function valueSchema(type: VariableType): z.ZodType<unknown, string> {
  switch (type.kind) {
    case "table-name":
      return trimmed.regex(tableNamePattern, {
        error: "must be a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)",
      });
    case "connect-instance":
      return connectInstance;
    case "whole-number":
      return wholeNumber(type.min, type.max);
    case "secret":
      // The secret's value never appears in a message.
      return z.string().min(type.minLength, {
        error: `must be at least ${type.minLength} characters when set`,
      });
    case "one-of":
      return oneOf(type.values);
    case "id-list":
      return idList(type.of);
    case "name-list":
      return names;
    case "value-list":
      return valueList(type.values);
    case "flag":
      return flag;
    case "calling-code":
      return trimmed.regex(callingCodePattern, {
        error: "must be a country calling code such as 81 or +81",
      });
    case "text":
      return trimmed.max(type.maxLength, {
        error: `must be at most ${type.maxLength} characters`,
      });
  }
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
 * Reads and validates the variables `functions` read (the manifest's declarations), every
 * problem at once, each naming its variable. Unset variables, and empty lists, are absent from
 * the result; values are in the variable's own unit (`affinityLifetimeDays`, not seconds), so
 * `functionEnvironment(functions, settings)` reads back as the same settings.
 *
 * @throws ConfigurationError when a variable the functions need is missing or any value is
 *   unusable.
 * @example
 * ```ts
 * const settings = readSettings("agentEvents", process.env);
 * settings.presenceTableName; // "connect-affinity-presence"
 * ```
 */
export function readSettings<F extends FunctionId>(
  functions: F | readonly F[],
  environment: Readonly<Record<string, string | undefined>>,
): FunctionSettings<F> {
  const variables = variablesReadBy(functions);
  const shape: Record<string, z.ZodType> = {};
  for (const name of variables) {
    const schema = valueSchema(declarationOf(name).type);
    shape[name] = isRequiredBy(name, functions) ? required(schema) : optional(schema);
  }
  const parsed = z.object(shape).safeParse(environment);
  if (!parsed.success) {
    throw new ConfigurationError(problemsOf(parsed.error));
  }
  const values = parsed.data as Readonly<Partial<Record<VariableName, unknown>>>;
  const settings: Record<string, unknown> = {};
  for (const name of variables) {
    const value = values[name];
    if (value !== undefined) settings[declarationOf(name).setting] = value;
  }
  return settings as FunctionSettings<F>;
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
  const settings = readSettings("agentEvents", environment);
  return {
    presenceTableName: settings.presenceTableName,
    ...(settings.presenceTtlSeconds === undefined
      ? {}
      : { ttlSeconds: settings.presenceTtlSeconds }),
    ...(settings.routableStatusNames === undefined
      ? {}
      : { routableStatusNames: settings.routableStatusNames }),
    ...directoryFilterOf(
      settings.routingProfileIds,
      settings.hierarchyGroupIds,
      settings.hierarchyIncludeChildGroups,
    ),
    ...(settings.presenceIndexShards === undefined
      ? {}
      : { indexShards: settings.presenceIndexShards }),
    ...(settings.presenceIndexChannels === undefined
      ? {}
      : { indexChannels: settings.presenceIndexChannels }),
    ...(settings.presenceRefreshSeconds === undefined
      ? {}
      : { refreshSeconds: settings.presenceRefreshSeconds }),
    ...(settings.logLevel === undefined ? {} : { logLevel: settings.logLevel }),
  };
}

/**
 * Reads and validates the roster refresher's configuration, every problem at once.
 *
 * @throws ConfigurationError when `PRESENCE_TABLE_NAME` or `CONNECT_INSTANCE_ID` is missing or
 *   any value is unusable.
 * @example
 * ```ts
 * const config = loadRosterRefreshConfig(process.env);
 * config.refresher.requestSpacingMs; // 1000 when ROSTER_REFRESH_REQUEST_SPACING_MS=1000
 * ```
 */
export function loadRosterRefreshConfig(
  environment: Readonly<Record<string, string | undefined>>,
): RosterRefreshConfig {
  const settings = readSettings("rosterRefresh", environment);
  return {
    presenceTableName: settings.presenceTableName,
    instance: parseConnectInstance(settings.connectInstance),
    ...directoryFilterOf(
      settings.routingProfileIds,
      settings.hierarchyGroupIds,
      settings.hierarchyIncludeChildGroups,
    ),
    refresher: {
      ...(settings.rosterRefreshMinutes === undefined
        ? {}
        : { intervalMinutes: settings.rosterRefreshMinutes }),
      ...(settings.rosterRefreshPagesPerRun === undefined
        ? {}
        : { maxPagesPerRun: settings.rosterRefreshPagesPerRun }),
      ...(settings.rosterRefreshRequestSpacingMs === undefined
        ? {}
        : { requestSpacingMs: settings.rosterRefreshRequestSpacingMs }),
    },
    ...(settings.logLevel === undefined ? {} : { logLevel: settings.logLevel }),
  };
}

/**
 * Reads and validates the router functions' configuration: the variables any of `route`,
 * `next-agent`, `record`, `routing-criteria` and `contact-event` read (they share one
 * container). Every problem is reported at once, each naming its variable.
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
  const env = readSettings(routerFunctionIds, environment);
  const presence = presenceConfig(
    env.presenceSource,
    env.presenceTableName,
    env.presenceMaxAgeSeconds,
  );
  return {
    tableName: env.affinityTableName,
    instance: parseConnectInstance(env.connectInstance),
    router: {
      ...(env.newCallerStrategy === undefined ? {} : { strategy: env.newCallerStrategy }),
      ...(env.maxAttempts === undefined ? {} : { maxAttempts: env.maxAttempts }),
      ...(env.affinityLifetimeDays === undefined
        ? {}
        : { affinityLifetimeSeconds: env.affinityLifetimeDays * 86_400 }),
      ...(env.callerKeySecret === undefined ? {} : { callerKeySecret: env.callerKeySecret }),
      ...(env.defaultCallingCode === undefined
        ? {}
        : { defaultCallingCode: env.defaultCallingCode.replace(/^\+/, "") }),
      ...(env.preferredAgentExpirySeconds === undefined
        ? {}
        : { preferredAgentExpirySeconds: env.preferredAgentExpirySeconds }),
      ...(env.presenceWindow === undefined ? {} : { presenceWindow: env.presenceWindow }),
      ...(env.idlePoolSize === undefined ? {} : { idlePoolSize: env.idlePoolSize }),
      ...(env.reservationSeconds === undefined
        ? {}
        : { reservationSeconds: env.reservationSeconds }),
      ...(env.contactIndexTtlSeconds === undefined
        ? {}
        : { contactIndexLifetimeSeconds: env.contactIndexTtlSeconds }),
    },
    recordMessages: {
      language: env.recordMessageLanguage ?? environmentVariables.RECORD_MESSAGE_LANGUAGE.default,
      ...(env.recordMessageRecorded === undefined ? {} : { recorded: env.recordMessageRecorded }),
      ...(env.recordMessageSkipped === undefined ? {} : { skipped: env.recordMessageSkipped }),
    },
    ...directoryFilterOf(
      env.routingProfileIds,
      env.hierarchyGroupIds,
      env.hierarchyIncludeChildGroups,
    ),
    ...(env.directoryCacheTtlSeconds === undefined
      ? {}
      : { directoryCacheTtlMs: env.directoryCacheTtlSeconds * 1000 }),
    presence,
    ...(env.routableStatusNames === undefined
      ? {}
      : { routableStatusNames: env.routableStatusNames }),
    ...(env.presenceCacheTtlMs === undefined ? {} : { presenceCacheTtlMs: env.presenceCacheTtlMs }),
    ...(env.logLevel === undefined ? {} : { logLevel: env.logLevel }),
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
  source: PresenceSource | undefined,
  tableName: string | undefined,
  maxAgeSeconds: number | undefined,
): PresenceConfig {
  if (source !== "event-stream") {
    return { source: source ?? environmentVariables.PRESENCE_SOURCE.default };
  }
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
