import { ConnectAffinityError, channels } from "@connect-affinity/core";
import {
  type ConnectInstance,
  type DirectoryFilter,
  type DirectoryOptOut,
  parseConnectInstance,
} from "@connect-affinity/core/connect";
import type {
  AffinityScopeName,
  Channel,
  IdentitySource,
  Language,
  LogLevel,
  NewCallerStrategyName,
  PresenceSource,
  TransferCredit,
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
import { parseSecretReference, rawNumberReference } from "./manifest/secret-reference.js";
import type { CallerKeySources } from "./secrets/caller-keys.js";

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
  readonly defaultCallingCode?: string;
  readonly preferredAgentExpirySeconds?: number;
  readonly preferredWaitSeconds?: number;
  readonly presenceWindow?: number;
  readonly idlePoolSize?: number;
  readonly contactIndexLifetimeSeconds?: number;
  readonly reservationSeconds?: number;
  readonly identitySources?: readonly IdentitySource[];
  readonly scope?: AffinityScopeName;
  readonly scopeLifetimes?: Readonly<Record<string, number>>;
  readonly minimumTalkSeconds?: number;
  readonly transferCredit?: TransferCredit;
  readonly creditOutbound?: boolean;
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
  /** Where the caller-key secrets come from; fetched once per container. */
  readonly callerKeys: CallerKeySources;
  /**
   * `CURSOR_SIGNING_KEY`, the cursor's own key. The container derives the signing keys from the
   * caller-key secrets it fetched, or from this (see `cursorSigningKeys`).
   */
  readonly cursorSigningKey?: string;
  readonly recordMessages: RecordMessageSettings;
  /** The CloudWatch namespace of the metrics (`POWERTOOLS_METRICS_NAMESPACE`). */
  readonly metricsNamespace?: string;
  /** Which users are routable agents; absent means every user of the instance. */
  readonly directoryFilter?: DirectoryFilter;
  /** Which agents opt out of sticky routing; absent means nobody. */
  readonly directoryOptOut?: DirectoryOptOut;
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
  /** The CloudWatch namespace of the metrics (`POWERTOOLS_METRICS_NAMESPACE`). */
  readonly metricsNamespace?: string;
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
  /** The CloudWatch namespace of the metrics (`POWERTOOLS_METRICS_NAMESPACE`). */
  readonly metricsNamespace?: string;
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

/** `a,b,c` of known values, each at most once; the declared spellings, in the given order. */
const oneOfList = (values: readonly [string, ...string[]]) =>
  trimmed.transform((text, ctx) => {
    const items = text
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== "");
    const matched = items.map((item) =>
      values.find((value) => value.toLowerCase() === item.toLowerCase()),
    );
    const unknown = items.filter((_, index) => matched[index] === undefined);
    if (unknown.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `must list some of ${values.join(", ")} (unknown: "${unknown.join('", "')}")`,
      });
      return z.NEVER;
    }
    if (new Set(matched).size !== matched.length) {
      ctx.addIssue({ code: "custom", message: "must not list a value twice" });
      return z.NEVER;
    }
    return list(matched as string[]);
  });

/** `KEY=VALUE` pairs, comma-separated, keys unique; `value` checks and converts each value. */
const pairs = <T>(
  what: string,
  keyPattern: RegExp,
  value: (text: string) => T | undefined,
  valueDescription: string,
) =>
  trimmed.transform((text, ctx) => {
    const entries: [string, T][] = [];
    for (const pair of text.split(",").map((item) => item.trim())) {
      if (pair === "") continue;
      const at = pair.indexOf("=");
      const key = at < 0 ? "" : pair.slice(0, at).trim();
      const converted = at < 0 ? undefined : value(pair.slice(at + 1).trim());
      if (!keyPattern.test(key) || converted === undefined) {
        ctx.addIssue({
          code: "custom",
          message: `must be comma-separated ${what}=${valueDescription} pairs (bad: "${pair}")`,
        });
        return z.NEVER;
      }
      if (entries.some(([known]) => known === key)) {
        ctx.addIssue({ code: "custom", message: `names ${key} twice` });
        return z.NEVER;
      }
      entries.push([key, converted]);
    }
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
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
    case "secret-reference":
      return trimmed.refine(
        (text) =>
          (type.rawNumber === true && text === rawNumberReference) ||
          parseSecretReference(text) !== undefined,
        {
          error: `must be ssm:NAME, an SSM parameter ARN, secretsmanager:NAME or a Secrets Manager secret ARN${
            type.rawNumber === true ? ", or raw-number" : ""
          }`,
        },
      );
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
    case "one-of-list":
      return oneOfList(type.values);
    case "lifetime-map":
      return pairs(
        "NAME",
        resourceIdPattern,
        (text) => {
          const days = Number(text);
          return /^\d+$/.test(text) && days >= type.min && days <= type.max ? days : undefined;
        },
        `DAYS (${type.min}-${type.max})`,
      );
    case "tag-list":
      return pairs(
        "KEY",
        /^[^=,\s][^=,]{0,127}$/,
        (text) => (text === "" || text.length > 256 ? undefined : text),
        "VALUE",
      );
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
    ...(settings.metricsNamespace === undefined
      ? {}
      : { metricsNamespace: settings.metricsNamespace }),
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
    ...(settings.metricsNamespace === undefined
      ? {}
      : { metricsNamespace: settings.metricsNamespace }),
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
      ...(env.defaultCallingCode === undefined
        ? {}
        : { defaultCallingCode: env.defaultCallingCode.replace(/^\+/, "") }),
      ...(env.preferredAgentExpirySeconds === undefined
        ? {}
        : { preferredAgentExpirySeconds: env.preferredAgentExpirySeconds }),
      // The generated flow's default wait, not core's (0): see the manifest.
      preferredWaitSeconds:
        env.preferredWaitSeconds ?? Number(environmentVariables.PREFERRED_WAIT_SECONDS.default),
      ...(env.presenceWindow === undefined ? {} : { presenceWindow: env.presenceWindow }),
      ...(env.idlePoolSize === undefined ? {} : { idlePoolSize: env.idlePoolSize }),
      ...(env.reservationSeconds === undefined
        ? {}
        : { reservationSeconds: env.reservationSeconds }),
      ...(env.contactIndexTtlSeconds === undefined
        ? {}
        : { contactIndexLifetimeSeconds: env.contactIndexTtlSeconds }),
      ...(env.identitySources === undefined ? {} : { identitySources: env.identitySources }),
      ...(env.affinityScope === undefined ? {} : { scope: env.affinityScope }),
      ...scopeLifetimesOf(env.affinityScope, env.affinityScopeLifetimes),
      ...(env.minimumTalkSeconds === undefined
        ? {}
        : { minimumTalkSeconds: env.minimumTalkSeconds }),
      ...(env.transferCredit === undefined ? {} : { transferCredit: env.transferCredit }),
      ...(env.creditOutbound === undefined ? {} : { creditOutbound: env.creditOutbound }),
    },
    callerKeys: {
      ...(env.callerKeySecret === undefined ? {} : { callerKeySecret: env.callerKeySecret }),
      ...(env.callerKeySecretRef === undefined
        ? {}
        : { callerKeySecretRef: env.callerKeySecretRef }),
      ...(env.callerKeyPreviousSecretRef === undefined
        ? {}
        : { callerKeyPreviousSecretRef: env.callerKeyPreviousSecretRef }),
    },
    ...(env.cursorSigningKey === undefined ? {} : { cursorSigningKey: env.cursorSigningKey }),
    ...(env.metricsNamespace === undefined ? {} : { metricsNamespace: env.metricsNamespace }),
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
    ...directoryOptOutOf(
      env.optOutRoutingProfileIds,
      env.optOutHierarchyGroupIds,
      env.optOutTags,
      presence.source,
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

/**
 * The per-value lifetimes in seconds, checked against the scope: none with the global scope,
 * channel names with the channel scope.
 *
 * @throws ConfigurationError naming `AFFINITY_SCOPE_LIFETIMES`.
 */
function scopeLifetimesOf(
  scope: AffinityScopeName | undefined,
  lifetimeDays: Readonly<Record<string, number>> | undefined,
): { readonly scopeLifetimes?: Readonly<Record<string, number>> } {
  if (lifetimeDays === undefined) return {};
  const problem =
    scope === undefined || scope === "global"
      ? "applies only with AFFINITY_SCOPE queue or channel (the global scope uses AFFINITY_LIFETIME_DAYS)"
      : scope === "channel"
        ? Object.keys(lifetimeDays)
            .filter((name) => !(channels as readonly string[]).includes(name))
            .map((name) => `names "${name}", which is not a channel (${channels.join(", ")})`)[0]
        : undefined;
  if (problem !== undefined) {
    throw new ConfigurationError([{ variable: "AFFINITY_SCOPE_LIFETIMES", problem }]);
  }
  return {
    scopeLifetimes: Object.fromEntries(
      Object.entries(lifetimeDays).map(([name, days]) => [name, days * 86_400]),
    ),
  };
}

/**
 * The agents who opted out of sticky routing.
 *
 * @throws ConfigurationError with event-stream presence: opt-outs are read from the directory a
 *   container lists itself, and the shared roster the routers read then does not carry them, so
 *   they would be ignored in silence.
 */
function directoryOptOutOf(
  routingProfileIds: readonly string[] | undefined,
  hierarchyGroupIds: readonly string[] | undefined,
  tags: Readonly<Record<string, string>> | undefined,
  presenceSource: PresenceSource,
): { readonly directoryOptOut?: DirectoryOptOut } {
  const optOut: DirectoryOptOut = {
    ...(routingProfileIds === undefined ? {} : { routingProfileIds }),
    ...(hierarchyGroupIds === undefined ? {} : { hierarchyGroupIds }),
    ...(tags === undefined ? {} : { tags }),
  };
  if (Object.keys(optOut).length === 0) return {};
  if (presenceSource === "event-stream") {
    const variable =
      routingProfileIds !== undefined
        ? "OPT_OUT_ROUTING_PROFILE_IDS"
        : hierarchyGroupIds !== undefined
          ? "OPT_OUT_HIERARCHY_GROUP_IDS"
          : "OPT_OUT_TAGS";
    throw new ConfigurationError([
      {
        variable,
        problem:
          "is not supported with PRESENCE_SOURCE=event-stream: the shared roster the routers read does not carry opt-outs (use connect-api presence, or remove the opt-outs)",
      },
    ]);
  }
  return { directoryOptOut: optOut };
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
