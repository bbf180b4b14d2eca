import type { RoutingCriteria, RoutingCriteriaStep } from "../contract/attribute-contract.js";
import type { Agent, Channel } from "./agent.js";
import type { AgentAvailability } from "./agent-availability.js";
import type { NewCallerStrategyName } from "./new-caller-strategy.js";
import { canTakeContact, type ReservationClaim } from "./presence-choice.js";

/**
 * The most agents {@link preferredAgentCriteria} puts in its second step. Connect reportedly
 * accepts at most 10 agent IDs per step (not confirmed in the API reference, so we stay at it).
 */
export const maxFurtherAgentsPerStep = 10;

/**
 * Connect routing criteria (the `UpdateContactRoutingData` / "Set routing criteria" shape) that
 * offer the contact to the preferred agent alone for `expirySeconds`, then to up to
 * {@link maxFurtherAgentsPerStep} further agents for as long again; after the last step any
 * agent of the queue may take it.
 *
 * @example
 * ```ts
 * import { preferredAgentCriteria } from "./routing-criteria.js";
 *
 * preferredAgentCriteria("agent-a", ["agent-b"], 30).Steps.length; // 2
 * ```
 */
export function preferredAgentCriteria(
  preferredAgentId: string,
  furtherAgentIds: readonly string[],
  expirySeconds: number,
): RoutingCriteria {
  const further = furtherAgentIds
    .filter((id) => id !== preferredAgentId)
    .slice(0, maxFurtherAgentsPerStep);
  const steps: RoutingCriteriaStep[] = [agentsStep([preferredAgentId], expirySeconds)];
  if (further.length > 0) steps.push(agentsStep(further, expirySeconds));
  return { Steps: steps };
}

/**
 * The agents of a routing-criteria step after the preferred one: those of `window` (in
 * candidate order) who can take a contact on `channel` now and whom no other contact holds,
 * at most {@link maxFurtherAgentsPerStep}. With `longest-idle` they come idle longest first
 * (agents without `idleSince` after them, in candidate order), because the step names them all
 * at once and Connect offers the contact to whichever frees up.
 */
export function furtherAgents(
  window: readonly Agent[],
  presence: ReadonlyMap<string, AgentAvailability>,
  channel: Channel,
  claim: ReservationClaim,
  strategy: NewCallerStrategyName,
): readonly Agent[] {
  const available = window.filter((agent) =>
    canTakeContact(presence.get(agent.id), channel, claim),
  );
  if (strategy === "longest-idle") {
    const idleSince = (agent: Agent): number =>
      presence.get(agent.id)?.idleSince ?? Number.POSITIVE_INFINITY;
    // Array.prototype.sort is stable: agents without idleSince keep rank order.
    available.sort((a, b) => idleSince(a) - idleSince(b) || 0);
  }
  return available.slice(0, maxFurtherAgentsPerStep);
}

function agentsStep(agentIds: readonly string[], expirySeconds: number): RoutingCriteriaStep {
  return {
    Expression: {
      AttributeCondition: {
        ComparisonOperator: "Match",
        MatchCriteria: { AgentsCriteria: { AgentIds: agentIds } },
      },
    },
    Expiry: { DurationInSeconds: expirySeconds },
  };
}
