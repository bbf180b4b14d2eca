import {
  type AffinityScopeName,
  affinityScopes,
  defaultLanguage,
  type IdentitySource,
  identitySources,
  type Language,
  type LogLevel,
  languages,
  logLevels,
  type NewCallerStrategyName,
  newCallerStrategies,
  type PresenceSource,
  presenceSources,
  type TransferCredit,
  transferCredits,
} from "@connect-affinity/core/contract";
import {
  type Binding,
  bindings,
  defaultPreferredWaitSeconds,
  defaultRequiredWaitSeconds,
  type FlowVariant,
  flowVariants,
  maxWaitPriority,
  maxWaitSeconds,
} from "@connect-affinity/flow-builder";
import {
  callingCodePattern,
  environmentVariables,
  minManagedSecretBytes,
  parseSecretReference,
  rawNumberReference,
  resourceIdPattern,
} from "@connect-affinity/handlers/manifest";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { agentEventStreamRetentionHoursRange } from "./agent-event-stream-settings.js";
import { type ConfigProblem, StackConfigError } from "./errors.js";
import { isInstanceArn } from "./instance-arn.js";
import { lambdaTimeoutRange } from "./lambda-timeout.js";
import { logRetentionDays as allowedRetentionDays } from "./log-retention.js";

/**
 * Where configuration comes from: `new pulumi.Config()` in the program, a fake in tests.
 * Values are the strings `Pulumi.yaml` and `Pulumi.<stack>.yaml` hold (Pulumi applies the
 * declared defaults before the program sees them).
 */
export interface ConfigSource {
  get(key: string): string | undefined;
  /**
   * A secret key's value and whether the stack holds it encrypted (`pulumi config set
   * --secret`), or `undefined` when unset. The value is read only to validate it and to wrap
   * it with `pulumi.secret`.
   */
  secret(key: string): { readonly value: string; readonly encrypted: boolean } | undefined;
}

/**
 * Where the caller-key secret comes from: a SecureString parameter the stack creates from the
 * `callerKeySecret` Pulumi secret, an existing SSM parameter or Secrets Manager secret
 * (`callerKeySecretRef`), or nowhere, when the stack says `storeRawNumbers: true`.
 */
export type CallerKeyChoice =
  | { readonly kind: "raw-numbers" }
  | {
      readonly kind: "managed";
      readonly current: SecretSource;
      readonly previous?: SecretSource | "raw-number";
      /**
       * `callerKeySecretKmsKeyArn`: the customer managed key of the secrets (the parameters the
       * stack creates are encrypted with it; a referenced secret is said to be), or
       * `aws-managed` for the service's own key even where the stack has `kmsKeyArn`. Unset, a
       * parameter the stack creates takes the stack's `kmsKeyArn`, if any.
       */
      readonly kmsKeyArn?: string | typeof awsManagedKey;
    };

/** One caller-key secret: created by the stack from a Pulumi secret, or referenced. */
export type SecretSource =
  | { readonly kind: "stack-parameter"; readonly value: pulumi.Output<string> }
  | { readonly kind: "reference"; readonly reference: string };

/** What the dashboard and alarms watch, and who hears an alarm. */
export interface MonitoringChoice {
  /** CloudWatch namespace of the functions' metrics. */
  readonly namespace: string;
  /** An SNS topic for alarm and OK notifications; without it alarms only change state. */
  readonly alarmTopicArn?: string;
  /** Alarm when fewer returning callers than this reach their agent (percent, over an hour). */
  readonly hitRatePercent: number;
  /** ...counted only in hours with at least this many returning callers answered. */
  readonly hitRateMinContacts: number;
  /** Alarm at this many failed invocations (all functions) in five minutes. */
  readonly handlerErrors: number;
  /** Alarm at this many throttled Connect reads (directory and presence) in five minutes. */
  readonly connectThrottles: number;
  /** Alarm at this many decisions on stale presence in five minutes (event-stream presence). */
  readonly stalePresence: number;
}

/** Which Connect instance the stack routes calls on. */
export type InstanceChoice =
  | { readonly kind: "existing"; readonly instanceArn: string }
  | {
      readonly kind: "demo";
      readonly alias: string;
      readonly agentCount: number;
      readonly agentPassword: pulumi.Output<string>;
    };

/** Where the routers learn who is available now, with what event-stream presence deploys. */
export type PresenceChoice =
  | { readonly source: Exclude<PresenceSource, "event-stream"> }
  | {
      readonly source: "event-stream";
      readonly maxAgeSeconds?: number;
      readonly shardCount: number;
      readonly retentionHours: number;
      readonly indexShards?: number;
      readonly rosterRefreshMinutes?: number;
    };

/** `callerKeySecretKmsKeyArn`'s word for the service's AWS managed key (`aws/ssm`, …). */
export const awsManagedKey = "aws-managed";

/** A KMS key ARN (never an alias: IAM grants name keys). */
const kmsKeyArnPattern = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]{1,100}$/;

/** A stack's configuration, validated, defaults applied. */
export interface StackConfig {
  readonly instance: InstanceChoice;
  readonly flowVariant: FlowVariant;
  readonly flowLanguage: Language;
  readonly fallbackQueueArn?: string;
  readonly standardQueueArn?: string;
  readonly phoneNumberId?: string;
  /** A customer managed KMS key for everything the stack stores; AWS managed keys without it. */
  readonly kmsKeyArn?: string;
  readonly maxAttempts: number;
  readonly lambdaMemoryMb: number;
  readonly lambdaTimeoutSeconds: number;
  readonly logRetentionDays: number;
  readonly deletionProtection: boolean;
  readonly presence: PresenceChoice;
  readonly routingProfileIds: readonly string[];
  readonly newCallerStrategy: NewCallerStrategyName;
  readonly affinityLifetimeDays: number;
  readonly preferredAgentExpirySeconds: number;
  /** Seconds a returning caller waits for their busy agent (0: no wait). */
  readonly preferredWaitSeconds: number;
  readonly binding: Binding;
  readonly requiredWaitSeconds: number;
  /** The routing priority (1–4) of a caller about to wait for their agent; unset: unchanged. */
  readonly waitPriority?: number;
  readonly logLevel: LogLevel;
  readonly defaultCallingCode?: string;
  readonly callerKeys: CallerKeyChoice;
  readonly monitoring: MonitoringChoice;
  /** Identity, scope and credit: what affinity is kept for, and who earns it. */
  readonly affinity: AffinitySettings;
}

/** The stack's identity sources, scope and credit rules, validated. */
export interface AffinitySettings {
  readonly identitySources?: readonly IdentitySource[];
  /** A JSONPath the flow passes as `customerKey`. */
  readonly customerKey?: string;
  /** Whether the flow looks callers up in Customer Profiles first. */
  readonly customerProfiles: boolean;
  readonly scope: AffinityScopeName;
  /** Days per scope value (queue ID or channel). */
  readonly scopeLifetimes?: Readonly<Record<string, number>>;
  readonly minimumTalkSeconds: number;
  readonly transferCredit: TransferCredit;
  readonly creditOutbound: boolean;
  readonly optOut: {
    readonly routingProfileIds: readonly string[];
    readonly hierarchyGroupIds: readonly string[];
    readonly tags: Readonly<Record<string, string>>;
  };
}

/**
 * The defaults, the same as `Pulumi.yaml` declares (a test keeps the two equal), so a
 * config source without them (a test's fake) reads the same as Pulumi does.
 */
export const configDefaults = {
  connectInstanceArn: "",
  createDemoInstance: "false",
  demoInstanceAlias: "",
  demoAgentCount: "3",
  flowVariant: "agent-queue",
  flowLanguage: defaultLanguage,
  fallbackQueueArn: "",
  standardQueueArn: "",
  phoneNumberId: "",
  kmsKeyArn: "",
  maxAttempts: "5",
  lambdaMemoryMb: "256",
  lambdaTimeoutSeconds: "5",
  logRetentionDays: "14",
  deletionProtection: "false",
  presenceSource: "connect-api",
  presenceMaxAgeSeconds: "",
  presenceIndexShards: "",
  rosterRefreshMinutes: "",
  agentEventStreamShardCount: "1",
  agentEventStreamRetentionHours: "24",
  routingProfileIds: "",
  newCallerStrategy: "longest-idle",
  affinityLifetimeDays: "90",
  preferredAgentExpirySeconds: "30",
  preferredWaitSeconds: String(defaultPreferredWaitSeconds),
  binding: "preferred",
  requiredWaitSeconds: String(defaultRequiredWaitSeconds),
  waitPriority: "",
  defaultCallingCode: "",
  logLevel: "INFO",
  identitySources: "",
  customerKeyPath: "",
  customerProfiles: "false",
  affinityScope: "global",
  affinityScopeLifetimes: "",
  minimumTalkSeconds: "0",
  transferCredit: "finishing",
  creditOutbound: "false",
  optOutRoutingProfileIds: "",
  optOutHierarchyGroupIds: "",
  optOutTags: "",
  callerKeySecretRef: "",
  callerKeyPreviousSecretRef: "",
  callerKeySecretKmsKeyArn: "",
  storeRawNumbers: "false",
  metricsNamespace: "",
  alarmTopicArn: "",
  alarmHitRatePercent: "80",
  alarmHitRateMinContacts: "20",
  alarmHandlerErrors: "5",
  alarmConnectThrottles: "10",
  alarmStalePresence: "1",
} as const satisfies Readonly<Record<string, string>>;

/** The plain (non-secret) keys the program reads, each declared in `Pulumi.yaml`. */
export const configKeys = Object.keys(configDefaults) as readonly (keyof typeof configDefaults)[];

/** The secret keys the program reads (`pulumi config set --secret`). */
export const secretConfigKeys = [
  "demoAgentPassword",
  "callerKeySecret",
  "callerKeyPreviousSecret",
] as const;

/** The fewest bytes a caller-key secret may have (the functions refuse fewer at run time too). */
export const minCallerKeySecretBytes = minManagedSecretBytes;

const blankToUndefined = (value: unknown): unknown =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(blankToUndefined, schema.optional());

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { error: `must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `must be a whole number from ${min} to ${max}` })
        .max(max, { error: `must be a whole number from ${min} to ${max}` }),
    );

/** The range the handlers accept for a whole-number variable, so a stack cannot set more. */
const handlersRange = (
  variable:
    | "MAX_ATTEMPTS"
    | "AFFINITY_LIFETIME_DAYS"
    | "PREFERRED_AGENT_EXPIRY_SECONDS"
    | "PRESENCE_MAX_AGE_SECONDS"
    | "PRESENCE_INDEX_SHARDS"
    | "ROSTER_REFRESH_MINUTES"
    | "MINIMUM_TALK_SECONDS",
) => {
  const { min, max } = environmentVariables[variable].type;
  return wholeNumber(min, max);
};

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(["true", "false"], { error: "must be true or false" }))
  .transform((value) => value === "true");

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .trim()
    .pipe(z.enum(values, { error: `must be one of ${values.join(", ")}` }));

/** `a,b,c`, blanks dropped. */
const commaList = z
  .string()
  .trim()
  .transform((text) =>
    text
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== ""),
  );

const idList = (what: string) =>
  commaList.refine((ids) => ids.every((id) => resourceIdPattern.test(id)), {
    error: `must be a comma-separated list of ${what} IDs`,
  });

/** `KEY=VALUE` pairs, comma-separated. */
const pairList = (what: string, valid: (key: string, value: string) => boolean) =>
  commaList
    .transform((pairs) =>
      pairs.map((pair) => {
        const at = pair.indexOf("=");
        return at < 0 ? ["", ""] : [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      }),
    )
    .refine(
      (entries) =>
        entries.every(
          ([key = "", value = ""]) => key !== "" && value !== "" && valid(key, value),
        ) && new Set(entries.map(([key]) => key)).size === entries.length,
      { error: `must be comma-separated ${what} pairs, each key once` },
    )
    .transform((entries) => Object.fromEntries(entries) as Record<string, string>);

const { min: minLifetimeDays, max: maxLifetimeDays } =
  environmentVariables.AFFINITY_SCOPE_LIFETIMES.type;

const queueReference = z
  .string()
  .trim()
  .regex(
    /^(arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/[A-Za-z0-9-]+\/queue\/[A-Za-z0-9-]+|[A-Za-z0-9-]{1,100})$/,
    {
      error:
        "must be a queue ARN (arn:aws:connect:REGION:ACCOUNT:instance/ID/queue/ID) or a queue ID",
    },
  );

const schema = z.object({
  connectInstanceArn: optional(
    z.string().trim().refine(isInstanceArn, {
      error: "must be an instance ARN (arn:aws:connect:REGION:ACCOUNT:instance/ID)",
    }),
  ),
  createDemoInstance: flag,
  demoInstanceAlias: optional(
    z
      .string()
      .trim()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,60}[a-z0-9])?$/, {
        error: "must be 1-62 lower-case letters, digits and inner dashes",
      }),
  ),
  demoAgentCount: wholeNumber(1, 10),
  flowVariant: oneOf(flowVariants),
  flowLanguage: oneOf(languages),
  fallbackQueueArn: optional(queueReference),
  standardQueueArn: optional(queueReference),
  phoneNumberId: optional(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{1,100}$/, { error: "must be a Connect phone number ID" }),
  ),
  kmsKeyArn: optional(
    z.string().trim().regex(kmsKeyArnPattern, {
      error: "must be a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)",
    }),
  ),
  maxAttempts: handlersRange("MAX_ATTEMPTS"),
  lambdaMemoryMb: wholeNumber(128, 10_240),
  // Above the handlers' 4-second answer budget (so Lambda never kills a function that is about
  // to answer degraded), at most the 8 seconds Connect gives a flow's Lambda call.
  lambdaTimeoutSeconds: wholeNumber(lambdaTimeoutRange.min, lambdaTimeoutRange.max),
  logRetentionDays: wholeNumber(1, 3653).refine(
    (days) => (allowedRetentionDays as readonly number[]).includes(days),
    {
      error: `must be one of CloudWatch Logs' retention periods: ${allowedRetentionDays.join(", ")}`,
    },
  ),
  deletionProtection: flag,
  presenceSource: oneOf(presenceSources),
  presenceMaxAgeSeconds: optional(handlersRange("PRESENCE_MAX_AGE_SECONDS")),
  presenceIndexShards: optional(handlersRange("PRESENCE_INDEX_SHARDS")),
  rosterRefreshMinutes: optional(handlersRange("ROSTER_REFRESH_MINUTES")),
  agentEventStreamShardCount: wholeNumber(1, 100),
  agentEventStreamRetentionHours: wholeNumber(
    agentEventStreamRetentionHoursRange.min,
    agentEventStreamRetentionHoursRange.max,
  ),
  routingProfileIds: optional(
    z
      .string()
      .trim()
      .transform((text) =>
        text
          .split(",")
          .map((id) => id.trim())
          .filter((id) => id !== ""),
      )
      .refine((ids) => ids.every((id) => resourceIdPattern.test(id)), {
        error: "must be a comma-separated list of routing profile IDs",
      }),
  ),
  newCallerStrategy: oneOf(newCallerStrategies),
  affinityLifetimeDays: handlersRange("AFFINITY_LIFETIME_DAYS"),
  preferredAgentExpirySeconds: handlersRange("PREFERRED_AGENT_EXPIRY_SECONDS"),
  preferredWaitSeconds: wholeNumber(0, maxWaitSeconds),
  binding: oneOf(bindings),
  requiredWaitSeconds: wholeNumber(1, maxWaitSeconds),
  waitPriority: optional(wholeNumber(1, maxWaitPriority)),
  defaultCallingCode: optional(
    z.string().trim().regex(callingCodePattern, { error: "must be a calling code such as 81" }),
  ),
  logLevel: oneOf(logLevels),
  identitySources: optional(
    commaList.refine(
      (sources) =>
        sources.every((source) => (identitySources as readonly string[]).includes(source)) &&
        new Set(sources).size === sources.length,
      { error: `must list some of ${identitySources.join(", ")}, each once` },
    ),
  ),
  customerKeyPath: optional(
    z
      .string()
      .trim()
      .regex(/^\$\.[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_-]+)*$/, {
        error: "must be a JSONPath such as $.Attributes.crmCustomerId",
      }),
  ),
  customerProfiles: flag,
  affinityScope: oneOf(affinityScopes),
  affinityScopeLifetimes: optional(
    pairList("NAME=DAYS", (key, value) => {
      const days = Number(value);
      return (
        resourceIdPattern.test(key) &&
        /^\d+$/.test(value) &&
        days >= minLifetimeDays &&
        days <= maxLifetimeDays
      );
    }),
  ),
  minimumTalkSeconds: handlersRange("MINIMUM_TALK_SECONDS"),
  transferCredit: oneOf(transferCredits),
  creditOutbound: flag,
  optOutRoutingProfileIds: optional(idList("routing profile")),
  optOutHierarchyGroupIds: optional(idList("agent hierarchy group")),
  optOutTags: optional(pairList("KEY=VALUE", () => true)),
  callerKeySecretRef: optional(secretReference(false)),
  callerKeyPreviousSecretRef: optional(secretReference(true)),
  // A key ARN, not an alias: IAM's kms:Decrypt grant names the key itself.
  callerKeySecretKmsKeyArn: optional(
    z
      .string()
      .trim()
      .refine((text) => text === awsManagedKey || kmsKeyArnPattern.test(text), {
        error: `must be a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID), or ${awsManagedKey} for the service's own key`,
      }),
  ),
  storeRawNumbers: flag,
  metricsNamespace: optional(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.\-_/#:]{1,255}$/, {
        error: "must be a CloudWatch namespace (1-255 of A-Z a-z 0-9 . - _ / # :)",
      }),
  ),
  alarmTopicArn: optional(
    z
      .string()
      .trim()
      .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, {
        error: "must be an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)",
      }),
  ),
  alarmHitRatePercent: wholeNumber(1, 100),
  alarmHitRateMinContacts: wholeNumber(1, 100_000),
  alarmHandlerErrors: wholeNumber(1, 100_000),
  alarmConnectThrottles: wholeNumber(1, 100_000),
  alarmStalePresence: wholeNumber(1, 100_000),
});

/** A secret reference the functions can read (`ssm:NAME`, `secretsmanager:NAME`, an ARN). */
function secretReference(rawNumber: boolean) {
  return z
    .string()
    .trim()
    .refine(
      (text) =>
        (rawNumber && text === rawNumberReference) || parseSecretReference(text) !== undefined,
      {
        error: `must be ssm:NAME, an SSM parameter ARN, secretsmanager:NAME or a Secrets Manager secret ARN${rawNumber ? ", or raw-number" : ""}`,
      },
    );
}

/**
 * Reads the stack's configuration once and validates all of it, reporting every problem at
 * once: a missing `connectInstanceArn` (unless `createDemoInstance`), an unknown variant, the
 * routing-criteria variant without a standard queue, a demo instance without its agents'
 * password, and any malformed value.
 *
 * @throws StackConfigError listing each problem by its config key.
 * @example
 * ```ts
 * const config = readStackConfig(new pulumi.Config(), pulumi.getStack());
 * ```
 */
export function readStackConfig(source: ConfigSource, stackName: string): StackConfig {
  const raw: Record<string, string | undefined> = {};
  for (const key of configKeys) {
    raw[key] = source.get(key) ?? configDefaults[key];
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new StackConfigError(
      parsed.error.issues.map((issue) => ({
        key: String(issue.path[0] ?? "config"),
        problem: issue.message,
      })),
    );
  }
  const value = parsed.data;
  const problems: ConfigProblem[] = [];
  const demoPassword = source.secret("demoAgentPassword");
  const demoAgentPassword =
    demoPassword === undefined ? undefined : pulumi.secret(demoPassword.value);
  const callerKeys = callerKeyChoice(source, value, stackName, problems);

  let instance: InstanceChoice | undefined;
  if (value.createDemoInstance) {
    if (value.connectInstanceArn !== undefined) {
      problems.push({
        key: "connectInstanceArn",
        problem: "must not be set together with createDemoInstance: true (choose one instance)",
      });
    }
    if (demoAgentPassword === undefined) {
      problems.push({
        key: "demoAgentPassword",
        problem:
          "is required with createDemoInstance: true; set it with `pulumi config set --secret demoAgentPassword <password>`",
      });
    } else {
      instance = {
        kind: "demo",
        alias: value.demoInstanceAlias ?? demoAliasFor(stackName),
        agentCount: value.demoAgentCount,
        agentPassword: demoAgentPassword,
      };
    }
  } else if (value.connectInstanceArn === undefined) {
    problems.push({
      key: "connectInstanceArn",
      problem:
        "is required: set it to your Amazon Connect instance ARN (`pulumi config set connectInstanceArn arn:aws:connect:REGION:ACCOUNT:instance/ID`), or set createDemoInstance: true on a dev stack",
    });
  } else {
    instance = { kind: "existing", instanceArn: value.connectInstanceArn };
  }

  if (
    value.flowVariant === "routing-criteria" &&
    value.standardQueueArn === undefined &&
    !value.createDemoInstance
  ) {
    problems.push({
      key: "standardQueueArn",
      problem:
        "is required by flowVariant routing-criteria: preferred-agent routing criteria act only in a standard queue the agents serve",
    });
  }
  if (
    value.flowVariant === "agent-queue" &&
    value.fallbackQueueArn === undefined &&
    value.standardQueueArn === undefined &&
    !value.createDemoInstance
  ) {
    problems.push({
      key: "preferredWaitSeconds",
      problem:
        "needs standardQueueArn or fallbackQueueArn with flowVariant agent-queue: the queue a caller is moved to when their stay in an agent's queue reaches its bound (the wait, or the 5 s guard with the wait off)",
    });
  }
  if (value.connectInstanceArn !== undefined) {
    for (const key of ["fallbackQueueArn", "standardQueueArn"] as const) {
      const queue = value[key];
      if (
        queue?.startsWith("arn:") === true &&
        !queue.startsWith(`${value.connectInstanceArn}/queue/`)
      ) {
        problems.push({ key, problem: "must be a queue of connectInstanceArn's instance" });
      }
    }
  }
  for (const key of [
    "presenceMaxAgeSeconds",
    "presenceIndexShards",
    "rosterRefreshMinutes",
  ] as const) {
    if (value[key] !== undefined && value.presenceSource !== "event-stream") {
      problems.push({
        key,
        problem: `applies only to presenceSource event-stream (presenceSource is ${value.presenceSource}); remove it or switch the source`,
      });
    }
  }
  // Opt-outs are read from the directory a router lists itself; with event-stream presence the
  // routers read the shared roster, which does not carry them (the handlers refuse the pair).
  for (const key of ["optOutRoutingProfileIds", "optOutHierarchyGroupIds", "optOutTags"] as const) {
    if (value[key] !== undefined && value.presenceSource === "event-stream") {
      problems.push({
        key,
        problem:
          "is not supported with presenceSource event-stream: the shared roster the routers read does not carry opt-outs; remove it or use connect-api presence",
      });
    }
  }
  if (value.affinityScopeLifetimes !== undefined) {
    const names = Object.keys(value.affinityScopeLifetimes);
    if (value.affinityScope === "global") {
      problems.push({
        key: "affinityScopeLifetimes",
        problem:
          "applies only with affinityScope queue or channel; the global scope uses affinityLifetimeDays",
      });
    } else if (
      value.affinityScope === "channel" &&
      names.some((name) => !["VOICE", "CHAT", "TASK", "EMAIL"].includes(name))
    ) {
      problems.push({
        key: "affinityScopeLifetimes",
        problem: "names a channel other than VOICE, CHAT, TASK or EMAIL",
      });
    }
  }
  if (value.customerKeyPath !== undefined && value.customerProfiles) {
    problems.push({
      key: "customerKeyPath",
      problem:
        "must not be set together with customerProfiles: true, which passes the Customer Profiles profile ID as the customer key",
    });
  }
  if (problems.length > 0 || instance === undefined) {
    throw new StackConfigError(problems);
  }

  return {
    instance,
    flowVariant: value.flowVariant,
    flowLanguage: value.flowLanguage,
    maxAttempts: value.maxAttempts,
    lambdaMemoryMb: value.lambdaMemoryMb,
    lambdaTimeoutSeconds: value.lambdaTimeoutSeconds,
    logRetentionDays: value.logRetentionDays,
    deletionProtection: value.deletionProtection,
    presence:
      value.presenceSource === "event-stream"
        ? {
            source: "event-stream",
            shardCount: value.agentEventStreamShardCount,
            retentionHours: value.agentEventStreamRetentionHours,
            ...(value.presenceMaxAgeSeconds === undefined
              ? {}
              : { maxAgeSeconds: value.presenceMaxAgeSeconds }),
            ...(value.presenceIndexShards === undefined
              ? {}
              : { indexShards: value.presenceIndexShards }),
            ...(value.rosterRefreshMinutes === undefined
              ? {}
              : { rosterRefreshMinutes: value.rosterRefreshMinutes }),
          }
        : { source: value.presenceSource },
    routingProfileIds: value.routingProfileIds ?? [],
    newCallerStrategy: value.newCallerStrategy,
    affinityLifetimeDays: value.affinityLifetimeDays,
    preferredAgentExpirySeconds: value.preferredAgentExpirySeconds,
    preferredWaitSeconds: value.preferredWaitSeconds,
    binding: value.binding,
    requiredWaitSeconds: value.requiredWaitSeconds,
    ...(value.waitPriority === undefined ? {} : { waitPriority: value.waitPriority }),
    logLevel: value.logLevel,
    callerKeys,
    monitoring: {
      namespace: value.metricsNamespace ?? `ConnectAffinity/${stackName}`,
      hitRatePercent: value.alarmHitRatePercent,
      hitRateMinContacts: value.alarmHitRateMinContacts,
      handlerErrors: value.alarmHandlerErrors,
      connectThrottles: value.alarmConnectThrottles,
      stalePresence: value.alarmStalePresence,
      ...(value.alarmTopicArn === undefined ? {} : { alarmTopicArn: value.alarmTopicArn }),
    },
    affinity: {
      ...definedOnly({
        identitySources: value.identitySources as IdentitySource[] | undefined,
        customerKey: value.customerKeyPath,
        scopeLifetimes:
          value.affinityScopeLifetimes === undefined
            ? undefined
            : Object.fromEntries(
                Object.entries(value.affinityScopeLifetimes).map(([name, days]) => [
                  name,
                  Number(days),
                ]),
              ),
      }),
      customerProfiles: value.customerProfiles,
      scope: value.affinityScope,
      minimumTalkSeconds: value.minimumTalkSeconds,
      transferCredit: value.transferCredit,
      creditOutbound: value.creditOutbound,
      optOut: {
        routingProfileIds: value.optOutRoutingProfileIds ?? [],
        hierarchyGroupIds: value.optOutHierarchyGroupIds ?? [],
        tags: value.optOutTags ?? {},
      },
    },
    ...definedOnly({
      fallbackQueueArn: value.fallbackQueueArn,
      standardQueueArn: value.standardQueueArn,
      phoneNumberId: value.phoneNumberId,
      kmsKeyArn: value.kmsKeyArn,
      defaultCallingCode: value.defaultCallingCode?.replace(/^\+/, ""),
    }),
  };
}

/**
 * The stack's caller-key secret, checked before anything is deployed: a stack keeps phone
 * numbers out of its table unless it says `storeRawNumbers: true`; a secret set in plain text
 * (without `--secret`) or shorter than 32 bytes is refused, and so are contradictory settings.
 * Problems are added to `problems`, so one preview lists them with the rest.
 */
function callerKeyChoice(
  source: ConfigSource,
  value: z.infer<typeof schema>,
  stackName: string,
  problems: ConfigProblem[],
): CallerKeyChoice {
  const before = problems.length;
  const current = secretSourceOf(
    source,
    "callerKeySecret",
    value.callerKeySecretRef,
    "callerKeySecretRef",
    problems,
  );
  const previousRef = value.callerKeyPreviousSecretRef;
  const previous =
    previousRef === rawNumberReference
      ? rawNumberReference
      : secretSourceOf(
          source,
          "callerKeyPreviousSecret",
          previousRef,
          "callerKeyPreviousSecretRef",
          problems,
        );
  if (value.storeRawNumbers) {
    if (current !== undefined || previous !== undefined) {
      problems.push({
        key: "storeRawNumbers",
        problem:
          "is true while a caller-key secret is set: choose one (remove storeRawNumbers to keep numbers out of the table)",
      });
    }
    return { kind: "raw-numbers" };
  }
  if (current === undefined) {
    // A secret that was set but refused has said what is wrong with it already.
    if (problems.length > before) return { kind: "raw-numbers" };
    problems.push({
      key: "callerKeySecret",
      problem: `stack ${stackName} has no managed caller-key secret, so its table would hold raw phone numbers. Set one: \`pulumi config set --secret callerKeySecret "$(openssl rand -base64 48)"\` (the stack stores it as an SSM SecureString), or \`pulumi config set callerKeySecretRef ssm:/connect-affinity/${stackName}/caller-key\` for an existing SecureString parameter (or a Secrets Manager secret ARN). To store raw numbers knowingly, set storeRawNumbers: true`,
    });
    return { kind: "raw-numbers" };
  }
  return {
    kind: "managed",
    current,
    ...(previous === undefined ? {} : { previous }),
    ...(value.callerKeySecretKmsKeyArn === undefined
      ? {}
      : { kmsKeyArn: value.callerKeySecretKmsKeyArn }),
  };
}

function secretSourceOf(
  source: ConfigSource,
  secretKey: "callerKeySecret" | "callerKeyPreviousSecret",
  reference: string | undefined,
  referenceKey: string,
  problems: ConfigProblem[],
): SecretSource | undefined {
  const secret = source.secret(secretKey);
  if (secret !== undefined && reference !== undefined) {
    problems.push({
      key: secretKey,
      problem: `is set together with ${referenceKey}: keep one (the secret for a parameter the stack creates, the reference for one that exists)`,
    });
    return undefined;
  }
  if (reference !== undefined) return { kind: "reference", reference };
  if (secret === undefined) return undefined;
  if (!secret.encrypted) {
    problems.push({
      key: secretKey,
      problem: `is stored in plain text in the stack file: remove it (\`pulumi config rm ${secretKey}\`), choose a new value and set it with \`pulumi config set --secret ${secretKey} "$(openssl rand -base64 48)"\``,
    });
    return undefined;
  }
  const bytes = Buffer.byteLength(secret.value, "utf8");
  if (bytes < minCallerKeySecretBytes) {
    problems.push({
      key: secretKey,
      problem: `holds ${bytes} bytes; a caller-key secret needs at least ${minCallerKeySecretBytes}: \`pulumi config set --secret ${secretKey} "$(openssl rand -base64 48)"\``,
    });
    return undefined;
  }
  return { kind: "stack-parameter", value: pulumi.secret(secret.value) };
}

/** A Connect instance alias for a stack's demo instance (aliases are global, so the stack is in it). */
export function demoAliasFor(stackName: string): string {
  const slug = stackName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `connect-affinity-${slug}`.slice(0, 62).replace(/-+$/, "");
}

function definedOnly<T extends Record<string, unknown>>(
  values: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
