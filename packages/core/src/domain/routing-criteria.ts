import type { RoutingCriteria, RoutingCriteriaStep } from "../contract/attribute-contract.js";

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
