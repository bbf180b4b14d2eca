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

/**
 * How a returning caller is bound to their agent while that agent is busy:
 * - `preferred`: the caller waits up to `preferredWaitSeconds` for the agent, then moves on;
 * - `required`: the caller waits up to `requiredWaitSeconds`, hearing every
 *   {@link requiredOfferIntervalSeconds} that they may press 1 for the next available agent.
 */
export const bindings = ["preferred", "required"] as const;

/** One of {@link bindings}. */
export type Binding = (typeof bindings)[number];

/** How often a caller waiting for a required agent is offered the next available agent. */
export const requiredOfferIntervalSeconds = 30;

/** The longest wait for one agent the options accept (a caller's patience is shorter). */
export const maxWaitSeconds = 600;

/**
 * The lowest `waitPriority` the options accept: 4, one above Connect's default of 5 (a priority
 * of 5 or more would not put a caller who waited ahead of anyone).
 */
export const maxWaitPriority = 4;

/** How long `binding: required` waits when `requiredWaitSeconds` is not given. */
export const defaultRequiredWaitSeconds = 120;

/**
 * How long a returning caller waits for their busy agent when `preferredWaitSeconds` is not
 * given: 10 seconds, Sinch's default. Measured with realistic calls, a busy preferred agent
 * frees up within 10 s for about 2 % of callers, so the wait mostly serves as the bound on a
 * caller's stay in an agent's queue; a caller who waits in vain loses at most 10 s.
 */
export const defaultPreferredWaitSeconds = 10;

/**
 * The bound on a caller's stay in an agent's personal queue when the wait is off
 * (`preferredWaitSeconds: 0`): the agent was free when the flow checked, so the contact is
 * normally answered within a second or two; 5 s leaves room for that and moves a caller whose
 * agent another contact took in the meantime to the standard (or fallback) queue instead of
 * leaving them there for minutes.
 */
export const queueGuardSeconds = 5;

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
  /** Looped in the customer queue flow while the caller waits for their own agent. */
  readonly waitingForAgent?: Message;
  /** With `binding: required`: offers the next available agent (the caller presses 1). */
  readonly offerNextAgent?: Message;
  /** Looped in the customer queue flow once the caller is in a queue any agent serves. */
  readonly holdInQueue?: Message;
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
  /**
   * How long a returning caller waits for their busy agent before moving on, whole seconds,
   * 0 to {@link maxWaitSeconds} (default {@link defaultPreferredWaitSeconds}, 10; 0: no wait).
   * The agent-queue flow sets the customer queue flow (`customerQueueFlowArn`) before every
   * transfer to an agent's queue, so the stay there is bounded by the wait, or with the wait
   * off by {@link queueGuardSeconds}; the routing-criteria flow gives its first step this
   * expiry when it is above 0.
   */
  readonly preferredWaitSeconds?: number;
  /** `preferred` (default) or `required`; see {@link bindings}. */
  readonly binding?: Binding;
  /**
   * With `binding: required`: how long the caller waits for their agent at most, whole
   * seconds, 1 to {@link maxWaitSeconds} (default 120).
   */
  readonly requiredWaitSeconds?: number;
  /**
   * The deployed customer queue flow ({@link customerQueueFlow}), by ARN: the agent-queue flow
   * sets it before every transfer to an agent's queue. Required by the agent-queue flow (and
   * its splice), with the wait on or off.
   */
  readonly customerQueueFlowArn?: string;
  /**
   * With the wait on: the routing priority (1 highest, up to {@link maxWaitPriority}; Connect's
   * default is 5) given to a returning caller who is about to wait for their busy agent, so
   * that if the wait is in vain they enter the standard queue ahead of callers of the default
   * priority. Set with "Change routing priority / age" (`UpdateContactRoutingBehavior`) in the
   * inbound flow, before the contact is queued: the API reference allows the action in inbound
   * flows only, and a change reaches a contact already in queue only after about a minute.
   * The priority belongs to the contact, so it holds in the agent's queue (where only that
   * agent's waiting callers compete) and in the queue the caller is moved to. Unset: no change.
   */
  readonly waitPriority?: number;
  /**
   * How long each routing-criteria step waits for its agents, whole seconds, 1 to 86,400
   * (default 30). Connect reads a step's expiry only statically, so it is a flow option; infra
   * sets it from the same stack setting as the handlers' `PREFERRED_AGENT_EXPIRY_SECONDS`.
   */
  readonly preferredAgentExpirySeconds?: number;
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

/**
 * Options of {@link customerQueueFlow}: the wait (`preferredWaitSeconds`, or `binding:
 * required` and `requiredWaitSeconds`) and where the caller goes after it: the standard queue
 * if given, else (or if that one is full) the fallback queue.
 */
export interface CustomerQueueFlowOptions extends CommonFlowOptions {
  readonly standardQueueArn?: string;
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
  readonly messages: { readonly [K in keyof Required<FlowMessages>]: Message };
  /** The wait for a busy agent in seconds, whichever the binding (0: no wait). */
  readonly waitSeconds: number;
  /**
   * How long the customer queue flow keeps a caller in an agent's queue: `waitSeconds`, or
   * {@link queueGuardSeconds} with the wait off.
   */
  readonly queueBoundSeconds: number;
  readonly binding: Binding;
  readonly customerQueueFlowArn: string | undefined;
  readonly preferredAgentExpirySeconds: number;
  /** The priority of a caller who waits (only with the wait on). */
  readonly waitPriority: number | undefined;
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

const contactFlowArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/[A-Za-z0-9-]+\/contact-flow\/[A-Za-z0-9-]+$/,
    "must be a Connect flow ARN (arn:aws:connect:REGION:ACCOUNT:instance/ID/contact-flow/ID)",
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
  lambdaArns: z
    .strictObject({
      route: lambdaArn.optional(),
      nextAgent: lambdaArn.optional(),
      record: lambdaArn.optional(),
      routingCriteria: lambdaArn.optional(),
    })
    // The customer queue flow invokes no Lambda; the sticky flows say which ARNs they need.
    .optional(),
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
    .strictObject({
      sorry: message.optional(),
      connecting: message.optional(),
      waitingForAgent: message.optional(),
      offerNextAgent: message.optional(),
      holdInQueue: message.optional(),
    })
    .optional(),
  preferredWaitSeconds: z.number().int().min(0).max(maxWaitSeconds).optional(),
  binding: z.enum(bindings).optional(),
  requiredWaitSeconds: z.number().int().min(1).max(maxWaitSeconds).optional(),
  customerQueueFlowArn: contactFlowArn.optional(),
  preferredAgentExpirySeconds: z.number().int().min(1).max(86_400).optional(),
  waitPriority: z.number().int().min(1).max(maxWaitPriority).optional(),
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
    | "customerQueueFlowArn"
    | "waitTargetQueue"
  )[],
): ResolvedFlowOptions {
  const parsed = schema.safeParse(options);
  if (!parsed.success) {
    throw new FlowOptionsError(
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "options"}: ${issue.message}`),
    );
  }
  const value = parsed.data;
  const binding = value.binding ?? "preferred";
  const waitSeconds =
    binding === "required"
      ? (value.requiredWaitSeconds ?? defaultRequiredWaitSeconds)
      : (value.preferredWaitSeconds ?? defaultPreferredWaitSeconds);
  const missing = required.filter((path) => {
    if (path === "customerQueueFlowArn") return value.customerQueueFlowArn === undefined;
    if (path === "waitTargetQueue") {
      return value.standardQueueArn === undefined && value.fallbackQueueArn === undefined;
    }
    const [first, second] = path.split(".") as [string, string | undefined];
    const holder: unknown = second === undefined ? value : (value.lambdaArns ?? {});
    const key = second ?? first;
    return (holder as { readonly [key: string]: unknown })[key] === undefined;
  });
  if (missing.length > 0) {
    throw new FlowOptionsError(
      missing.map((path) =>
        path === "waitTargetQueue"
          ? `standardQueueArn or fallbackQueueArn: required by the ${flowName} flow (where the caller goes after the wait)`
          : path === "customerQueueFlowArn"
            ? `customerQueueFlowArn: required by the ${flowName} flow (it bounds every caller's stay in an agent's queue, with the wait on or off)`
            : `${path}: required by the ${flowName} flow`,
      ),
    );
  }
  if (value.customerKey !== undefined && value.customerProfile !== undefined) {
    throw new FlowOptionsError([
      "customerKey: not together with customerProfile, which passes the profile ID as the customer key",
    ]);
  }
  const lookup = value.customerProfile === true ? {} : value.customerProfile;
  const language = value.language ?? defaultLanguage;
  return {
    lambdaArns: stripUndefined(value.lambdaArns ?? {}),
    fallbackQueueArn: value.fallbackQueueArn,
    standardQueueArn: value.standardQueueArn,
    maxAttempts: value.maxAttempts ?? 5,
    lambdaTimeLimitSeconds: value.lambdaTimeLimitSeconds ?? 5,
    language,
    voice: value.voice ?? defaultVoices[language],
    voiceEngine: value.voiceEngine ?? "neural",
    messages: {
      ...defaultMessages[language],
      ...Object.fromEntries(
        Object.entries(value.messages ?? {}).filter(([, message]) => message !== undefined),
      ),
    },
    waitSeconds,
    queueBoundSeconds: waitSeconds > 0 ? waitSeconds : queueGuardSeconds,
    binding,
    customerQueueFlowArn: value.customerQueueFlowArn,
    preferredAgentExpirySeconds: value.preferredAgentExpirySeconds ?? 30,
    waitPriority: waitSeconds > 0 ? value.waitPriority : undefined,
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
