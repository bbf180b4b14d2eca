/**
 * The attribute contract between the Lambda handlers and the Connect flow.
 *
 * Every name the Lambdas return (`$.External.*`), every parameter the flow passes
 * (`Details.Parameters.*`) and every contact attribute the flow stores (`$.Attributes.*`)
 * is declared here once. Handlers build their responses from these types and flow-builder
 * builds its JSONPath references from them, so a rename is a compile error instead of a
 * silently broken flow.
 *
 * Connect rejects an empty string as a comparison operand, and a missing key compares as
 * nothing, so every key the flow reads is always present: {@link NONE} stands in for
 * "no value".
 *
 * @packageDocumentation
 */

/**
 * The sentinel that stands for "no value" in every string attribute the flow reads.
 *
 * @example
 * ```ts
 * import { NONE } from "@connect-affinity/core/contract";
 *
 * const response = { status: "none", agentId: NONE, agentArn: NONE, cursor: NONE };
 * ```
 */
export const NONE = "none";

/** The literal type of {@link NONE}. */
export type None = typeof NONE;

/**
 * Why `route` or `next-agent` offered an agent.
 *
 * - `returning-caller`: the caller's preferred agent (fresh affinity record).
 * - `preferred-agent-busy`: the caller has a preferred agent who cannot take the contact now;
 *   another agent is offered.
 * - `new-caller`: no usable affinity (first call, expired record, withheld number, agent gone).
 * - `next-candidate`: `next-agent` continued the candidate order.
 */
export const agentReasons = [
  "returning-caller",
  "preferred-agent-busy",
  "new-caller",
  "next-candidate",
] as const;

/** Why an agent was offered; see {@link agentReasons}. */
export type AgentReason = (typeof agentReasons)[number];

/**
 * Why `route` or `next-agent` offered nobody.
 *
 * - `no-agent-available`: presence says no candidate can take a contact on this channel.
 * - `attempts-exhausted`: the contact reached the configured maximum of offered agents.
 * - `candidates-exhausted`: every routable agent has been offered once.
 * - `no-routable-agents`: the directory is empty, or could not be read and no agent was known.
 */
export const noneReasons = [
  "no-agent-available",
  "attempts-exhausted",
  "candidates-exhausted",
  "no-routable-agents",
] as const;

/** Why nobody was offered; see {@link noneReasons}. */
export type NoneReason = (typeof noneReasons)[number];

/**
 * Why `routing-criteria` set no criteria: every {@link noneReasons} value, plus
 * `no-preferred-agent` (the caller has no fresh affinity, so the standard queue routes as usual).
 */
export const routingCriteriaNoneReasons = [...noneReasons, "no-preferred-agent"] as const;

/** See {@link routingCriteriaNoneReasons}. */
export type RoutingCriteriaNoneReason = (typeof routingCriteriaNoneReasons)[number];

/**
 * Whether the offered agent was seen available by a presence source (`verified`) or presence
 * was unknown, so the flow's own staffing check must decide (`unverified`).
 */
export const presenceStates = ["verified", "unverified"] as const;

/** See {@link presenceStates}. */
export type PresenceState = (typeof presenceStates)[number];

/** The `status` values of a `route` / `next-agent` response. */
export const candidateStatuses = ["agent", "none"] as const;

/** See {@link candidateStatuses}. */
export type CandidateStatus = (typeof candidateStatuses)[number];

/**
 * The response of the `route` and `next-agent` Lambdas, a flat `STRING_MAP`.
 * Every key is present in both shapes; `none` fills what does not apply.
 *
 * @example
 * ```ts
 * import type { CandidateResponse } from "@connect-affinity/core/contract";
 *
 * const offered: CandidateResponse = {
 *   status: "agent",
 *   agentId: "2f1c…",
 *   agentArn: "arn:aws:connect:ap-northeast-1:123456789012:instance/…/agent/2f1c…",
 *   reason: "returning-caller",
 *   cursor: "v1…",
 *   presence: "verified",
 * };
 * ```
 */
export type CandidateResponse =
  | {
      readonly status: "agent";
      /** Connect user ID of the offered agent. */
      readonly agentId: string;
      /** The agent ARN, usable as `AgentId` in "Set working queue" and "Check staffing". */
      readonly agentArn: string;
      readonly reason: AgentReason;
      /** Opaque continuation for `next-agent`. */
      readonly cursor: string;
      readonly presence: PresenceState;
    }
  | {
      readonly status: "none";
      readonly agentId: None;
      readonly agentArn: None;
      readonly reason: NoneReason;
      readonly cursor: None;
      readonly presence: PresenceState;
    };

/** Every key of {@link CandidateResponse}, in a stable order. */
export const candidateResponseKeys = [
  "status",
  "agentId",
  "agentArn",
  "reason",
  "cursor",
  "presence",
] as const satisfies readonly (keyof CandidateResponse)[];

/** A key of {@link CandidateResponse}. */
export type CandidateResponseKey = (typeof candidateResponseKeys)[number];

/** The `status` values of a `record` response. */
export const recordStatuses = ["recorded", "skipped"] as const;

/** See {@link recordStatuses}. */
export type RecordStatus = (typeof recordStatuses)[number];

/**
 * Why `record` stored nothing.
 *
 * - `anonymous-caller`: no identity source yielded a key (no customer key passed, the number
 *   withheld, invalid or absent).
 * - `unknown-agent`: the agent ID names nobody in the directory.
 * - `superseded`: a newer contact already assigned this caller.
 * - `agent-opted-out`: the agent opted out of sticky routing, so serving gives no affinity.
 * - `credit-deferred`: a minimum talk time is set, so the contact event that reports the end of
 *   the contact decides whether the agent gains affinity, not the flow.
 */
export const skipReasons = [
  "anonymous-caller",
  "unknown-agent",
  "superseded",
  "agent-opted-out",
  "credit-deferred",
] as const;

/** See {@link skipReasons}. */
export type SkipReason = (typeof skipReasons)[number];

/**
 * The response of the `record` Lambda. `message` is the text (or SSML) the flow plays before
 * the transfer; it is present whatever the status, so the flow never plays an empty prompt.
 */
export type RecordResponse =
  | { readonly status: "recorded"; readonly reason: None; readonly message: string }
  | { readonly status: "skipped"; readonly reason: SkipReason; readonly message: string };

/** Every key of {@link RecordResponse}. */
export const recordResponseKeys = [
  "status",
  "reason",
  "message",
] as const satisfies readonly (keyof RecordResponse)[];

/** A key of {@link RecordResponse}. */
export type RecordResponseKey = (typeof recordResponseKeys)[number];

/** The `status` values of a `routing-criteria` response. */
export const routingCriteriaStatuses = ["preferred", "none"] as const;

/** See {@link routingCriteriaStatuses}. */
export type RoutingCriteriaStatus = (typeof routingCriteriaStatuses)[number];

/**
 * One step of Connect's `RoutingCriteria`, in the shape of the `UpdateContactRoutingData` API:
 * the agents who may take the contact while the step lasts.
 */
export interface RoutingCriteriaStep {
  readonly Expression: {
    readonly AttributeCondition: {
      readonly Name?: string;
      readonly ComparisonOperator: "Match";
      readonly MatchCriteria: { readonly AgentsCriteria: { readonly AgentIds: readonly string[] } };
    };
  };
  /** Absent on the last step: a step without expiry waits for its agents forever. */
  readonly Expiry?: { readonly DurationInSeconds: number };
}

/** Connect's `RoutingCriteria`: steps tried in order, each until it expires. */
export interface RoutingCriteria {
  readonly Steps: readonly RoutingCriteriaStep[];
}

/**
 * The JSON response of the `routing-criteria` Lambda (invoked with `ResponseValidation: JSON`).
 * With `preferred`, `routingCriteria` holds the steps for "Set routing criteria"; with `none`
 * the flow skips that action and the standard queue routes as usual.
 */
export type RoutingCriteriaResponse =
  | {
      readonly status: "preferred";
      readonly agentId: string;
      readonly reason: AgentReason;
      readonly routingCriteria: RoutingCriteria;
    }
  | {
      readonly status: "none";
      readonly agentId: None;
      readonly reason: RoutingCriteriaNoneReason;
      readonly routingCriteria: None;
    };

/** Every key of {@link RoutingCriteriaResponse}. */
export const routingCriteriaResponseKeys = [
  "status",
  "agentId",
  "reason",
  "routingCriteria",
] as const satisfies readonly (keyof RoutingCriteriaResponse)[];

/** A key of {@link RoutingCriteriaResponse}. */
export type RoutingCriteriaResponseKey = (typeof routingCriteriaResponseKeys)[number];

/**
 * The parameters the flow passes to each Lambda (`LambdaInvocationAttributes`, read by the
 * handler from `Details.Parameters`).
 */
export const lambdaParameters = {
  route: [],
  nextAgent: ["cursor"],
  record: ["agentId"],
  routingCriteria: [],
} as const;

/** The parameter names of one Lambda. */
export type LambdaParameter<L extends keyof typeof lambdaParameters> =
  (typeof lambdaParameters)[L][number];

/**
 * The parameters a flow may pass besides {@link lambdaParameters}: `customerKey`, the
 * customer's identity from any attribute (a CRM customer ID, an account number, the Customer
 * Profiles profile ID), which the router uses as the `customer-key` identity source. A flow
 * that passes it to `route` (or `routing-criteria`) passes it to `record` too.
 */
export const optionalLambdaParameters = {
  route: ["customerKey"],
  nextAgent: [],
  record: ["customerKey"],
  routingCriteria: ["customerKey"],
} as const satisfies { readonly [L in keyof typeof lambdaParameters]: readonly string[] };

/** The optional parameter names of one Lambda. */
export type OptionalLambdaParameter<L extends keyof typeof optionalLambdaParameters> =
  (typeof optionalLambdaParameters)[L][number];

/**
 * The contact attributes the flow sets (`UpdateContactAttributes`) so that values survive the
 * next Lambda call (`$.External` holds only the latest response). Names are prefixed so they
 * do not collide with a contact center's own attributes.
 */
export const contactAttributes = {
  agentId: "affinityAgentId",
  agentArn: "affinityAgentArn",
  cursor: "affinityCursor",
  reason: "affinityReason",
} as const;

/** A contact attribute name the flow sets. */
export type ContactAttributeName = (typeof contactAttributes)[keyof typeof contactAttributes];
