import {
  affinityScopes,
  defaultLanguage,
  identitySources,
  languages,
  newCallerStrategies,
  presenceSources,
  transferCredits,
} from "@connect-affinity/core/contract";
import { z } from "zod";
import { connectApiNames } from "../connect-emulator/connect-api.js";

const seconds = z.number().min(0);
const positiveSeconds = z.number().positive();
const channel = z.enum(["VOICE", "CHAT", "TASK", "EMAIL"]);

/** An agent's status change, `at` seconds after the scenario starts. */
export const statusChangeSchema = z.strictObject({
  at: seconds,
  /** `Available` takes contacts; any other name (`Offline`, `Break`, `Lunch`…) does not. */
  status: z.string().trim().min(1),
});

/** One agent, written out. */
export const agentSchema = z.strictObject({
  username: z.string().trim().min(1).max(100),
  /** Connect user ID; derived from the username when absent. */
  id: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,100}$/, "must be a Connect user ID (letters, digits, -)")
    .optional(),
  routingProfileId: z.string().trim().min(1).optional(),
  /** Contacts the agent can hold at once per channel (Connect's default: one voice call). */
  slots: z.partialRecord(channel, z.number().int().min(0).max(10)).optional(),
  /** Status over time; without it the agent is Available all along. */
  schedule: z.array(statusChangeSchema).optional(),
  /** The user's tags (`SearchUsers` returns them; `optOutTags` reads them). */
  tags: z.record(z.string().trim().min(1), z.string().trim().min(1)).optional(),
});

/** Many agents at once, for large centers. */
export const agentGeneratorSchema = z.strictObject({
  count: z.number().int().min(1).max(10_000),
  prefix: z.string().trim().min(1).default("agent"),
  /** The share of agents Available from the start; the others start Offline. */
  availableRatio: z.number().min(0).max(1).default(1),
  /** Status changes applied to every generated agent. */
  schedule: z.array(statusChangeSchema).optional(),
});

/** A caller the calls refer to by name. */
export const callerSchema = z.strictObject({
  name: z.string().trim().min(1),
  /**
   * As Connect reports it: E.164, or `anonymous` / `private` / `unavailable` when withheld.
   * Optional for a caller who only chats or writes.
   */
  number: z.string().trim().min(1).optional(),
  /** The address of the caller's email contacts. */
  email: z.string().trim().includes("@").optional(),
  /**
   * The caller's key in the contact center's own systems (a CRM customer ID): set on each of
   * their contacts as the attribute `options.customerKeyAttribute`, which the flow passes as
   * `customerKey`.
   */
  customerKey: z.string().trim().min(1).max(256).optional(),
  /** The caller's Customer Profiles profile, found by their number or email address. */
  profileId: z.string().trim().min(1).max(256).optional(),
});

/**
 * What an administrator set for a caller before the run (the operations tool's `pin` and
 * `block`), under the caller's identity (the first the identity sources yield).
 */
export const preferenceSchema = z.strictObject({
  /** A caller's `name` from `callers`. */
  caller: z.string().trim().min(1),
  /** The caller's dedicated agent (a username), until `until` seconds after the start if given. */
  pin: z.strictObject({ agent: z.string().trim().min(1), until: seconds.optional() }).optional(),
  /** Agents (usernames) the caller must never be offered. */
  block: z.array(z.string().trim().min(1)).max(20).optional(),
});

/**
 * A caller's last agent before the run, written to the table in the item format of the
 * previous release (version 1: one agent per number), as a table that release filled holds it.
 */
export const historySchema = z.strictObject({
  /** A caller's `name` from `callers`; they need a number (the previous release knew only those). */
  caller: z.string().trim().min(1),
  /** The agent (a username) who answered their last call. */
  agent: z.string().trim().min(1),
  /** When that call was, in seconds before the start. */
  secondsBefore: z.number().int().min(1).max(7_776_000),
});

/** One call, written out. */
export const callSchema = z.strictObject({
  /** A caller's `name` from `callers`, or a number. */
  caller: z.string().trim().min(1),
  /** Seconds after the scenario starts. */
  at: seconds,
  /** How long the caller talks once an agent answers, in seconds. */
  duration: positiveSeconds.default(180),
  channel: channel.default("VOICE"),
  /** A note printed beside the call, such as what the call shows. */
  note: z.string().optional(),
  /**
   * The agent who answers transfers the call after `after` seconds of talk to the agent `to`
   * (a username), who handles the rest of `duration`.
   */
  transfer: z.strictObject({ after: positiveSeconds, to: z.string().trim().min(1) }).optional(),
});

/** Calls drawn at random (seeded): arrivals at a steady rate, some from returning callers. */
export const callGeneratorSchema = z.strictObject({
  /** Mean arrivals per second (Poisson process). */
  rate: z.number().positive().max(100),
  /** Seconds during which calls arrive. */
  duration: positiveSeconds,
  /** Seconds after the scenario starts when arrivals begin. */
  start: seconds.default(0),
  /** A burst: from `from` to `to` seconds after the start, arrivals come at `rate` instead. */
  peak: z
    .strictObject({ from: seconds, to: seconds, rate: z.number().positive().max(100) })
    .refine((peak) => peak.from < peak.to, "from must be before to")
    .optional(),
  /** The share of calls from someone who called before in this scenario. */
  returningRatio: z.number().min(0).max(1).default(0.3),
  /** The share of calls with a withheld number. */
  withheldRatio: z.number().min(0).max(1).default(0.05),
  /** Talk time in seconds, uniform between min and max. */
  talkTime: z
    .strictObject({ min: positiveSeconds, max: positiveSeconds })
    .refine((range) => range.min <= range.max, "min must not exceed max")
    .default({ min: 60, max: 300 }),
  /** The country calling code of generated numbers. */
  callingCode: z
    .string()
    .regex(/^\d{1,3}$/)
    .default("81"),
});

/** A window of simulated time, seconds after the scenario starts. */
export const windowSchema = z
  .strictObject({ from: seconds, to: seconds })
  .refine((window) => window.from < window.to, "from must be before to");

/** A fault of the Connect API emulator. */
export const connectFaultSchema = z.strictObject({
  /** The operation (`ListUsers`, `SearchUsers`, `DescribeUser`, `GetCurrentUserData`…); every one when absent. */
  api: z.enum(connectApiNames).optional(),
  from: seconds,
  to: seconds,
  /** `throttle` answers ThrottlingException, `error` an internal error, `latency` slows answers. */
  kind: z.enum(["throttle", "error", "latency"]),
  /** For `latency`: the extra milliseconds. */
  latencyMs: z.number().int().min(0).max(60_000).optional(),
});

/** A rate quota: requests per second and burst. */
export const quotaSchema = z.strictObject({
  rate: z.number().positive(),
  burst: z.number().int().positive(),
});

export const optionsSchema = z.strictObject({
  /** The flow-builder variant to run. */
  flow: z.enum(["agent-queue", "routing-criteria"]).default("agent-queue"),
  /** With a fallback queue, callers nobody preferred can take go there; without, they hear an apology. */
  fallbackQueue: z.boolean().default(true),
  /** Agents the agent-queue flow checks in all. */
  maxAttempts: z.number().int().min(1).max(100).default(5),
  /** The flow's time limit per Lambda call; the handlers answer within 4 s (default 5). */
  lambdaTimeLimitSeconds: z.number().int().min(1).max(8).default(5),
  /** Simulated time each Lambda invocation takes. */
  lambdaLatencyMs: z.number().int().min(0).max(60_000).default(100),
  /** Simulated time each prompt takes to play. */
  messageSeconds: z.number().min(0).max(120).default(2),
  /** The language of the flow's prompts and of the record handler's message. */
  language: z.enum(languages).default(defaultLanguage),
  /**
   * Where the handlers learn who is available: `GetCurrentUserData` per contact, the presence
   * table the agent-events consumer keeps from the agent event stream, or nowhere (the flow's
   * staffing check decides).
   */
  presence: z.enum(presenceSources).default("connect-api"),
  /** Simulated seconds between two reads of the agent event stream (event-stream presence). */
  streamPollSeconds: z.number().positive().max(60).default(1),
  newCallerStrategy: z.enum(newCallerStrategies).optional(),
  /** How long the routing-criteria flow's preferred-agent step lasts. */
  preferredAgentExpirySeconds: z.number().int().min(1).max(86_400).optional(),
  /** Seconds a caller waits for one particular (busy) agent before hanging up. */
  agentQueueMaxWaitSeconds: positiveSeconds.default(600),
  /** Seconds a caller waits in a standard or fallback queue before hanging up. */
  queueMaxWaitSeconds: positiveSeconds.default(600),
  /** Contacts that may wait in one agent's queue (more: QueueAtCapacity). */
  agentQueueCapacity: z.number().int().min(1).max(100).default(1),
  /** Rate quotas of the Connect API emulator, by operation. */
  quotas: z.partialRecord(z.enum(connectApiNames), quotaSchema).optional(),
  faults: z
    .strictObject({
      connect: z.array(connectFaultSchema).default([]),
      /** Windows during which DynamoDB answers nothing. */
      dynamodb: z.array(windowSchema).default([]),
    })
    .default({ connect: [], dynamodb: [] }),
  /** `IDENTITY_SOURCES`: where a customer's identity comes from, in order. */
  identitySources: z.array(z.enum(identitySources)).min(1).optional(),
  /**
   * The contact attribute holding each caller's `customerKey`, which the generated flow passes
   * to the Lambdas (flow-builder's `customerKey: "$.Attributes.<name>"`).
   */
  customerKeyAttribute: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "must be an attribute name")
    .optional(),
  /**
   * The flow looks callers up in Customer Profiles first and passes the profile ID as the
   * customer key (flow-builder's `customerProfile`); the callers' `profileId`s are the domain.
   */
  customerProfiles: z.boolean().default(false),
  /** `AFFINITY_SCOPE`. */
  scope: z.enum(affinityScopes).optional(),
  /** `AFFINITY_SCOPE_LIFETIMES`: days per channel or queue ID. */
  scopeLifetimeDays: z.record(z.string().trim().min(1), z.number().int().min(1)).optional(),
  /** `MINIMUM_TALK_SECONDS`: credit only agents who talked this long (on DISCONNECTED events). */
  minimumTalkSeconds: z.number().int().min(0).max(86_400).optional(),
  /** `TRANSFER_CREDIT`. */
  transferCredit: z.enum(transferCredits).optional(),
  /** `OPT_OUT_TAGS`: agents with one of these tags opt out of sticky routing. */
  optOutTags: z.record(z.string().trim().min(1), z.string().trim().min(1)).optional(),
});

/** A scenario file, as written. */
export const scenarioSchema = z.strictObject({
  name: z.string().trim().min(1),
  description: z.string().default(""),
  /** Seeds every random choice of the run, so it is reproducible. */
  seed: z.number().int().default(1),
  /** When the scenario starts (ISO 8601); calls and schedules count seconds from here. */
  start: z.iso.datetime({ offset: true }).default("2026-01-05T09:00:00+09:00"),
  agents: z.union([z.array(agentSchema).min(1), agentGeneratorSchema]),
  callers: z.array(callerSchema).default([]),
  calls: z.union([z.array(callSchema).min(1), callGeneratorSchema]),
  /** Pins and exclusions set before the run. */
  preferences: z.array(preferenceSchema).default([]),
  /** Callers' last agents before the run, as the previous release stored them. */
  history: z.array(historySchema).default([]),
  options: optionsSchema.default(() => optionsSchema.parse({})),
});

/** A validated scenario, defaults applied. */
export type Scenario = z.infer<typeof scenarioSchema>;
/** A scenario as written, before defaults. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type AgentDefinition = z.infer<typeof agentSchema>;
export type ScenarioOptions = z.infer<typeof optionsSchema>;
export type ConnectFault = z.infer<typeof connectFaultSchema>;
export type Preference = z.infer<typeof preferenceSchema>;
export type HistoryEntry = z.infer<typeof historySchema>;
