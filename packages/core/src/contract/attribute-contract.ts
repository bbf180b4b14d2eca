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
 * - `ranked-agent`: another of the caller's recent agents (ranked by recency and frequency):
 *   those ranked above could not take the contact now.
 * - `preferred-agent-busy`: the caller has a preferred agent who cannot take the contact now;
 *   another agent is offered.
 * - `new-caller`: no usable affinity (first call, expired record, withheld number, agent gone).
 * - `next-candidate`: `next-agent` continued the candidate order.
 */
export const agentReasons = [
  "returning-caller",
  "ranked-agent",
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
 * What presence said about the offered agent:
 *
 * - `verified`: a presence source saw them available (and the router reserved them, where the
 *   source keeps reservations);
 * - `unverified`: presence was unknown, or their reading older than the freshness bound, so
 *   the flow's own staffing check must decide;
 * - `busy`: a returning caller's agent, on shift and routable but busy or held by another
 *   contact, offered only because the router's bounded wait is on: the flow skips its staffing
 *   check and lets the caller wait in the agent's queue, its customer queue flow bounding the
 *   wait.
 */
export const presenceStates = ["verified", "unverified", "busy"] as const;

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
 * How many agents a `routing-criteria` answer can name for the flow's static steps: its last
 * (widest) ring names them all, and Connect reportedly accepts at most 10 agent IDs per step.
 */
export const routingCriteriaAgentSlots = 10;

/** How many steps ("rings") a `routing-criteria` answer can hold: five ranked agents and one more. */
export const routingCriteriaRingSlots = 6;

/**
 * The flat keys a `routing-criteria` answer adds to {@link RoutingCriteriaResponse} so that the
 * flow can write its routing criteria as static `Steps` with JSONPath values (the form Connect
 * is known to accept) instead of one JSONPath to the whole criteria: `agentCount` (how many
 * agents the criteria name, `"0"` with `none`), `ringCount` (how many steps) and
 * `agent1`…`agent10`. The rings widen: ring `k` names `agent1`…`agentk` for every ring but the
 * last, which names `agent1`…`agent{agentCount}`; a slot past `agentCount` holds {@link NONE},
 * and the flow branches on both counts so it never reads one.
 */
export const routingCriteriaSlotKeys = [
  "agentCount",
  "ringCount",
  "agent1",
  "agent2",
  "agent3",
  "agent4",
  "agent5",
  "agent6",
  "agent7",
  "agent8",
  "agent9",
  "agent10",
] as const;

/** A key of {@link routingCriteriaSlotKeys}. */
export type RoutingCriteriaSlotKey = (typeof routingCriteriaSlotKeys)[number];

/** The slots {@link routingCriteriaSlots} fills: every key present, `none` when unused. */
export type RoutingCriteriaSlots = { readonly [K in RoutingCriteriaSlotKey]: string };

/**
 * What the `routing-criteria` Lambda answers: {@link RoutingCriteriaResponse} (its
 * `routingCriteria` object is kept for logs and for flows that still read it whole) plus the
 * agent slots the generated flow's static steps read.
 */
export type RoutingCriteriaAnswer = RoutingCriteriaResponse & RoutingCriteriaSlots;

/**
 * The agent slots of a `routing-criteria` response: the agents of its last (widest) step in
 * order, as `agent1`…; `agentCount` says how many are filled, `ringCount` how many steps there
 * are. Throws a `RangeError` for criteria the flow's static steps cannot express (a step that
 * does not keep the agents of the one before and add exactly one, the last excepted; more than
 * {@link routingCriteriaRingSlots} steps or {@link routingCriteriaAgentSlots} agents): a
 * contract breach, not bad input.
 *
 * @example
 * ```ts
 * import { routingCriteriaSlots } from "@connect-affinity/core/contract";
 *
 * routingCriteriaSlots({ status: "none", agentId: "none", reason: "no-preferred-agent", routingCriteria: "none" }).agentCount; // "0"
 * ```
 */
export function routingCriteriaSlots(response: RoutingCriteriaResponse): RoutingCriteriaSlots {
  let agents: readonly string[] = [];
  let rings = 0;
  if (response.status === "preferred") {
    const steps = response.routingCriteria.Steps;
    steps.forEach((step, index) => {
      const ids = step.Expression.AttributeCondition.MatchCriteria.AgentsCriteria.AgentIds;
      const last = index === steps.length - 1;
      const keeps = agents.every((id, position) => ids[position] === id);
      const widens = last ? ids.length > agents.length : ids.length === agents.length + 1;
      if (!keeps || !widens) {
        throw new RangeError(
          "routing criteria for the flow's static steps must widen one agent a step (the last step any number), keeping the agents before",
        );
      }
      agents = ids;
    });
    rings = steps.length;
  }
  if (rings > routingCriteriaRingSlots || agents.length > routingCriteriaAgentSlots) {
    throw new RangeError(
      `routing criteria name ${agents.length} agents in ${rings} steps; at most ${routingCriteriaAgentSlots} agents in ${routingCriteriaRingSlots} steps fit`,
    );
  }
  const slots: { [K in RoutingCriteriaSlotKey]?: string } = {
    agentCount: String(agents.length),
    ringCount: String(rings),
  };
  for (let slot = 1; slot <= routingCriteriaAgentSlots; slot += 1) {
    slots[`agent${slot}` as RoutingCriteriaSlotKey] = agents[slot - 1] ?? NONE;
  }
  return slots as RoutingCriteriaSlots;
}

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
  /**
   * Set to `moved` by the customer queue flow just before it moves a caller out of an agent's
   * queue, so that the same flow, running again in the queue the caller was moved to, only
   * holds them there.
   */
  queueWait: "affinityQueueWait",
} as const;

/** A contact attribute name the flow sets. */
export type ContactAttributeName = (typeof contactAttributes)[keyof typeof contactAttributes];
