import {
  defaultLanguage,
  type Language,
  type LogLevel,
  languages,
  logLevels,
  type NewCallerStrategyName,
  newCallerStrategies,
  type PresenceSource,
  presenceSources,
} from "@connect-affinity/core/contract";
import { type FlowVariant, flowVariants } from "@connect-affinity/flow-builder";
import {
  callingCodePattern,
  environmentVariables,
  resourceIdPattern,
} from "@connect-affinity/handlers/manifest";
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { agentEventStreamRetentionHoursRange } from "./agent-event-stream-settings.js";
import { type ConfigProblem, StackConfigError } from "./errors.js";
import { isInstanceArn } from "./instance-arn.js";
import { logRetentionDays as allowedRetentionDays } from "./log-retention.js";

/**
 * Where configuration comes from: `new pulumi.Config()` in the program, a fake in tests.
 * Values are the strings `Pulumi.yaml` and `Pulumi.<stack>.yaml` hold (Pulumi applies the
 * declared defaults before the program sees them).
 */
export interface ConfigSource {
  get(key: string): string | undefined;
  getSecret(key: string): pulumi.Output<string> | undefined;
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

/** A stack's configuration, validated, defaults applied. */
export interface StackConfig {
  readonly instance: InstanceChoice;
  readonly flowVariant: FlowVariant;
  readonly flowLanguage: Language;
  readonly fallbackQueueArn?: string;
  readonly standardQueueArn?: string;
  readonly phoneNumberId?: string;
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
  readonly logLevel: LogLevel;
  readonly defaultCallingCode?: string;
  readonly callerKeySecret?: pulumi.Output<string>;
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
  defaultCallingCode: "",
  logLevel: "INFO",
} as const satisfies Readonly<Record<string, string>>;

/** The plain (non-secret) keys the program reads, each declared in `Pulumi.yaml`. */
export const configKeys = Object.keys(configDefaults) as readonly (keyof typeof configDefaults)[];

/** The secret keys the program reads (`pulumi config set --secret`). */
export const secretConfigKeys = ["demoAgentPassword", "callerKeySecret"] as const;

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
    | "ROSTER_REFRESH_MINUTES",
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
  maxAttempts: handlersRange("MAX_ATTEMPTS"),
  lambdaMemoryMb: wholeNumber(128, 10_240),
  // Connect gives a flow's Lambda call at most 8 seconds.
  lambdaTimeoutSeconds: wholeNumber(1, 8),
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
  defaultCallingCode: optional(
    z.string().trim().regex(callingCodePattern, { error: "must be a calling code such as 81" }),
  ),
  logLevel: oneOf(logLevels),
});

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
  const demoAgentPassword = source.getSecret("demoAgentPassword");
  const callerKeySecret = source.getSecret("callerKeySecret");

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
    logLevel: value.logLevel,
    ...definedOnly({
      fallbackQueueArn: value.fallbackQueueArn,
      standardQueueArn: value.standardQueueArn,
      phoneNumberId: value.phoneNumberId,
      defaultCallingCode: value.defaultCallingCode?.replace(/^\+/, ""),
      callerKeySecret,
    }),
  };
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
