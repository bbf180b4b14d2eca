import { defaultLanguage, type Language, languages } from "@connect-affinity/core/contract";
import { z } from "zod";
import type { Message } from "../builder/flow-builder.js";
import { defaultMessages, defaultVoices } from "./default-messages.js";
import { FlowOptionsError } from "./flow-options-error.js";

/**
 * The languages the generators have default messages and voices for: core's contract's
 * `languages` (BCP 47, `en-US` and `ja-JP`), the same list the handlers and infra accept.
 */
export const flowLanguages: typeof languages = languages;

/** A language of {@link flowLanguages}. */
export type FlowLanguage = Language;

/**
 * The Amazon Polly engine of the flow's voice: `neural` (the default; every default voice has
 * one) or `standard`, for a `voice` that has no neural version.
 */
export const voiceEngines = ["neural", "standard"] as const;

/** One of {@link voiceEngines}. */
export type VoiceEngine = (typeof voiceEngines)[number];

/** The Lambda functions' ARNs (plain strings: resolve Pulumi outputs before generating). */
export interface LambdaArns {
  readonly route: string;
  readonly nextAgent: string;
  readonly record: string;
  /** Needed by the routing-criteria flow only. */
  readonly routingCriteria?: string;
}

/** What the flows say to the caller; each text or SSML (`{ ssml: "<speak>…</speak>" }`). */
export interface FlowMessages {
  /** Played before a disconnect when nobody can take the call. */
  readonly sorry?: Message;
  /** Played before the transfer when the record Lambda failed and gave no message. */
  readonly connecting?: Message;
}

/** Options both flows share. */
export interface CommonFlowOptions {
  /** A queue (ID or ARN) that takes the call when no preferred agent can; without it: sorry + disconnect. */
  readonly fallbackQueueArn?: string;
  /** How many agents the agent-queue flow checks in all, 1 to 100 (default 5). */
  readonly maxAttempts?: number;
  /**
   * Each Lambda invocation's time limit in whole seconds, 1 to 8 (default 5): above the
   * 4 seconds within which connect-affinity's functions answer, even degraded.
   */
  readonly lambdaTimeLimitSeconds?: number;
  /** The caller's language: picks the default messages and voice (default `en-US`). */
  readonly language?: FlowLanguage;
  /** An Amazon Polly voice name overriding the language's default (Joanna, Kazuha). */
  readonly voice?: string;
  /** The voice's engine (default `neural`); `standard` for a voice without a neural version. */
  readonly voiceEngine?: VoiceEngine;
  readonly messages?: FlowMessages;
}

/** Options of {@link agentQueueFlow}. */
export interface AgentQueueFlowOptions extends CommonFlowOptions {
  readonly lambdaArns: LambdaArns;
}

/** Options of {@link routingCriteriaFlow}. */
export interface RoutingCriteriaFlowOptions extends CommonFlowOptions {
  readonly lambdaArns: Partial<LambdaArns> & { readonly routingCriteria: string };
  /** The standard queue (ID or ARN) the preferred agent serves; routing criteria act only there. */
  readonly standardQueueArn: string;
}

/** Options that suit every variant (what {@link generateFlow} takes). */
export interface FlowOptions extends AgentQueueFlowOptions {
  readonly standardQueueArn?: string;
}

/** Options after validation, with every default applied. */
export interface ResolvedFlowOptions {
  readonly lambdaArns: Partial<LambdaArns>;
  readonly fallbackQueueArn: string | undefined;
  readonly standardQueueArn: string | undefined;
  readonly maxAttempts: number;
  readonly lambdaTimeLimitSeconds: number;
  readonly language: FlowLanguage;
  readonly voice: string;
  readonly voiceEngine: VoiceEngine;
  readonly messages: { readonly sorry: Message; readonly connecting: Message };
}

// A resolved Pulumi output stringified by mistake reads "Calling [toString] on an [Output<T>]…":
// the patterns turn that into a clear error instead of a broken flow.
const lambdaArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?$/,
    "must be a Lambda function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME)",
  );

const queueReference = z
  .string()
  .regex(
    /^(arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/[A-Za-z0-9-]+\/queue\/[A-Za-z0-9-]+|[A-Za-z0-9-]{1,100})$/,
    "must be a Connect queue ARN (arn:aws:connect:REGION:ACCOUNT:instance/ID/queue/ID) or a queue ID",
  );

const message = z.union([
  z.string().trim().min(1, "must not be empty"),
  z.strictObject({
    ssml: z
      .string()
      .trim()
      .regex(/^<speak>[\s\S]*\S[\s\S]*<\/speak>$/, "must be SSML wrapped in <speak>…</speak>"),
  }),
]);

const schema = z.strictObject({
  lambdaArns: z.strictObject({
    route: lambdaArn.optional(),
    nextAgent: lambdaArn.optional(),
    record: lambdaArn.optional(),
    routingCriteria: lambdaArn.optional(),
  }),
  fallbackQueueArn: queueReference.optional(),
  standardQueueArn: queueReference.optional(),
  maxAttempts: z.number().int().min(1).max(100).optional(),
  lambdaTimeLimitSeconds: z.number().int().min(1).max(8).optional(),
  language: z.enum(flowLanguages).optional(),
  voice: z
    .string()
    .regex(/^[A-Z][A-Za-z]{1,31}$/, "must be an Amazon Polly voice name such as Kazuha")
    .optional(),
  voiceEngine: z.enum(voiceEngines).optional(),
  messages: z
    .strictObject({ sorry: message.optional(), connecting: message.optional() })
    .optional(),
});

/**
 * Validates `options` for a flow that needs `required` (dotted option paths) and applies the
 * defaults. Throws {@link FlowOptionsError} listing every problem.
 */
export function resolveFlowOptions(
  options: unknown,
  flowName: string,
  required: readonly (
    | "lambdaArns.route"
    | "lambdaArns.nextAgent"
    | "lambdaArns.record"
    | "lambdaArns.routingCriteria"
    | "standardQueueArn"
  )[],
): ResolvedFlowOptions {
  const parsed = schema.safeParse(options);
  if (!parsed.success) {
    throw new FlowOptionsError(
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "options"}: ${issue.message}`),
    );
  }
  const value = parsed.data;
  const missing = required.filter((path) => {
    const [first, second] = path.split(".") as [string, string | undefined];
    const holder: unknown = second === undefined ? value : value.lambdaArns;
    const key = second ?? first;
    return (holder as { readonly [key: string]: unknown })[key] === undefined;
  });
  if (missing.length > 0) {
    throw new FlowOptionsError(missing.map((path) => `${path}: required by the ${flowName} flow`));
  }
  const language = value.language ?? defaultLanguage;
  return {
    lambdaArns: stripUndefined(value.lambdaArns),
    fallbackQueueArn: value.fallbackQueueArn,
    standardQueueArn: value.standardQueueArn,
    maxAttempts: value.maxAttempts ?? 5,
    lambdaTimeLimitSeconds: value.lambdaTimeLimitSeconds ?? 5,
    language,
    voice: value.voice ?? defaultVoices[language],
    voiceEngine: value.voiceEngine ?? "neural",
    messages: {
      sorry: value.messages?.sorry ?? defaultMessages[language].sorry,
      connecting: value.messages?.connecting ?? defaultMessages[language].connecting,
    },
  };
}

function stripUndefined(
  arns: { readonly [K in keyof LambdaArns]?: string | undefined },
): Partial<LambdaArns> {
  return Object.fromEntries(Object.entries(arns).filter(([, arn]) => arn !== undefined));
}
