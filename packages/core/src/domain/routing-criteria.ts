import type { RoutingCriteria, RoutingCriteriaStep } from "../contract/attribute-contract.js";
import type { Agent, Channel } from "./agent.js";
import type { AgentAvailability } from "./agent-availability.js";
import { maxRankedAgents } from "./agent-ranking.js";
import type { NewCallerStrategyName } from "./new-caller-strategy.js";
import { canTakeContact, type ReservationClaim } from "./presence-choice.js";

/**
 * The most agents one step of {@link preferredAgentCriteria} names. Connect reportedly accepts
 * at most 10 agent IDs per step (not confirmed in the API reference, so we stay at it).
 */
export const maxFurtherAgentsPerStep = 10;

/** The most steps ("rings") {@link preferredAgentCriteria} writes: five ranked agents and one more. */
export const maxRoutingCriteriaRings = maxRankedAgents + 1;

/**
 * Connect routing criteria (the `UpdateContactRoutingData` / "Set routing criteria" shape) in
 * widening rings: the first step names the caller's first-ranked agent (their last one, unless pinned) alone for
 * `firstStepSeconds` (the bounded wait when one is set), each further step adds their next
 * ranked agent (at most {@link maxRankedAgents} in all) for `expirySeconds`, and a last step
 * adds the further available agents, so that at most {@link maxRoutingCriteriaRings} steps are
 * written and no step names more than {@link maxFurtherAgentsPerStep} agents. A ring keeps the
 * agents of the rings before it, so the preferred agent can still take the contact while later
 * rings run. After the last step any agent of the queue may take it.
 *
 * @example
 * ```ts
 * import { preferredAgentCriteria } from "./routing-criteria.js";
 *
 * preferredAgentCriteria(["agent-a", "agent-b"], ["agent-c"], 30).Steps.length; // 3
 * ```
 */
export function preferredAgentCriteria(
  rankedAgentIds: string | readonly string[],
  furtherAgentIds: readonly string[],
  expirySeconds: number,
  firstStepSeconds: number = expirySeconds,
): RoutingCriteria {
  const ranked = [
    ...new Set(typeof rankedAgentIds === "string" ? [rankedAgentIds] : rankedAgentIds),
  ].slice(0, maxRankedAgents);
  if (ranked.length === 0) throw new RangeError("routing criteria need a preferred agent");
  const further = furtherAgentIds
    .filter((id) => !ranked.includes(id))
    .slice(0, maxFurtherAgentsPerStep - ranked.length);
  const steps: RoutingCriteriaStep[] = ranked.map((_, index) =>
    agentsStep(ranked.slice(0, index + 1), index === 0 ? firstStepSeconds : expirySeconds),
  );
  if (further.length > 0) steps.push(agentsStep([...ranked, ...further], expirySeconds));
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
