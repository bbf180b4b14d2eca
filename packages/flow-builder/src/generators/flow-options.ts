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

/**
 * The profile field a Customer Profiles "Get profile" searches by, and where its value comes
 * from in the flow.
 */
export interface CustomerProfileLookup {
  /**
   * A search identifier of the block: `PhoneNumber` (default), `EmailAddress`, `AccountNumber`,
   * or `_profileId`, … as the instance's Customer Profiles domain defines them.
   */
  readonly searchBy?: string;
  /** A JSONPath to the value searched for; default `$.CustomerEndpoint.Address`. */
  readonly value?: string;
}

/** Options both flows share. */
export interface CommonFlowOptions {
  /**
   * A JSONPath whose value the flow passes to `route`, `record` and `routing-criteria` as the
   * `customerKey` parameter: the customer's identity on any channel, e.g.
   * `$.Attributes.crmCustomerId` (an attribute a CRM lookup set earlier). Without it the router
   * knows a customer by their phone number (or email address) only.
   */
  readonly customerKey?: string;
  /**
   * Look the caller up in the instance's Customer Profiles domain first ("Customer profiles",
   * Get profile, by phone number unless told otherwise) and pass the profile found
   * (`$.Customer.ProfileId`) as `customerKey`. A caller with no profile, or several, is routed
   * by their number as before. Use it only when a Customer Profiles domain is enabled for the
   * instance (otherwise the lookup takes its error branch every time, harmlessly but for
   * nothing). Not together with `customerKey`.
   */
  readonly customerProfile?: true | CustomerProfileLookup;
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
  /** The JSONPath passed as `customerKey`, when the flow passes one. */
  readonly customerKey: string | undefined;
  /** The Customer Profiles lookup to run before routing, when asked for. */
  readonly customerProfile: { readonly searchBy: string; readonly value: string } | undefined;
}

/** Where "Get profile" leaves the ID of the profile it found. */
export const customerProfileIdPath = "$.Customer.ProfileId";

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

// One JSONPath reference as a flow parameter takes it: `$.` and a dotted path.
const jsonPath = z
  .string()
  .regex(
    /^\$\.[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_-]+)*$/,
    "must be a JSONPath such as $.Attributes.crmCustomerId",
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
  customerKey: jsonPath.optional(),
  customerProfile: z
    .union([
      z.literal(true),
      z.strictObject({
        searchBy: z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_.]{0,63}$/, "must be a profile search identifier")
          .optional(),
        value: jsonPath.optional(),
      }),
    ])
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
  if (value.customerKey !== undefined && value.customerProfile !== undefined) {
    throw new FlowOptionsError([
      "customerKey: not together with customerProfile, which passes the profile ID as the customer key",
    ]);
  }
  const lookup = value.customerProfile === true ? {} : value.customerProfile;
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
    customerKey: lookup === undefined ? value.customerKey : customerProfileIdPath,
    customerProfile:
      lookup === undefined
        ? undefined
        : {
            searchBy: lookup.searchBy ?? "PhoneNumber",
            value: lookup.value ?? "$.CustomerEndpoint.Address",
          },
  };
}

/** The `customerKey` parameter for the Lambdas that take it, when the flow passes one. */
export function customerKeyParameter(resolved: ResolvedFlowOptions): {
  readonly customerKey?: string;
} {
  return resolved.customerKey === undefined ? {} : { customerKey: resolved.customerKey };
}

function stripUndefined(
  arns: { readonly [K in keyof LambdaArns]?: string | undefined },
): Partial<LambdaArns> {
  return Object.fromEntries(Object.entries(arns).filter(([, arn]) => arn !== undefined));
}
