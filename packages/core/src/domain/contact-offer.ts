import type { AgentReason, NoneReason } from "../contract/attribute-contract.js";
import {
  type AffinityJudgement,
  type CustomerRecords,
  latestServed,
} from "./affinity-judgement.js";

/**
 * What became of a returning caller's preferred agent when the contact was routed.
 *
 * - `offered`: the preferred agent was offered (by `route`, or as `routingCriteria`'s first step).
 * - `busy`: the preferred agent could not take the contact; another agent was offered.
 * - `nobody`: the preferred agent could not take it and nobody else could either.
 * - `gone`: the preferred agent is no longer on the roster.
 */
export const preferredAgentDecisions = ["offered", "busy", "nobody", "gone"] as const;

/** See {@link preferredAgentDecisions}. */
export type PreferredAgentDecision = (typeof preferredAgentDecisions)[number];

/**
 * What routing decided for a returning caller, kept with the contact so the agent who finally
 * answers can be compared with the one the caller was promised.
 */
export interface ContactOffer {
  /** Connect user ID of the caller's preferred agent (from their unexpired record). */
  readonly preferredAgentId: string;
  /** When the routing decision was made (epoch ms). */
  readonly decidedAt: number;
  readonly decision: PreferredAgentDecision;
}

/**
 * The offer to remember for a routed contact, or `undefined` when the customer is not a
 * returning customer: no record, an expired one, an agent the directory never confirmed, an
 * agent who opted out or whom the customer excluded. Only returning customers were promised an
 * agent. A pinned agent counts as the promised one.
 *
 * @example
 * ```ts
 * import { contactOfferFor } from "./contact-offer.js";
 *
 * contactOfferFor(records, judgement, "preferred-agent-busy", clock.now());
 * // { preferredAgentId: judgement.agent.id, decidedAt, decision: "busy" }
 * ```
 */
export function contactOfferFor(
  records: CustomerRecords,
  judgement: AffinityJudgement,
  reason: AgentReason | NoneReason | "no-preferred-agent",
  decidedAt: number,
): ContactOffer | undefined {
  switch (judgement.kind) {
    case "fresh":
    case "unconfirmed":
      return { preferredAgentId: judgement.agent.id, decidedAt, decision: decisionOf(reason) };
    case "no-preference": {
      if (judgement.reason !== "agent-gone") return undefined;
      const gone = latestServed(records.history);
      return gone === undefined
        ? undefined
        : { preferredAgentId: gone.agentId, decidedAt, decision: "gone" };
    }
  }
}

function decisionOf(
  reason: AgentReason | NoneReason | "no-preferred-agent",
): PreferredAgentDecision {
  switch (reason) {
    case "returning-caller":
      return "offered";
    case "preferred-agent-busy":
    case "new-caller":
    case "next-candidate":
      return "busy";
    default:
      return "nobody";
  }
}
