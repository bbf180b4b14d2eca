import {
  type RoutingCriteriaSlotKey,
  routingCriteriaAgentSlots,
} from "@connect-affinity/core/contract";
import type { FlowBuilder } from "../builder/flow-builder.js";
import type { StaticRoutingStep } from "../model/actions/flow-control-actions.js";
import { external } from "../model/json-path.js";
import type { ResolvedFlowOptions } from "./flow-options.js";

const countWords = [
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
] as const;

/**
 * Adds the routing criteria of a `routing-criteria` answer to `builder`, in the form Connect
 * is known to accept: a "Check contact attributes" on `$.External.agentCount`, and for each
 * count from 1 to {@link routingCriteriaAgentSlots} a "Set routing criteria" whose static
 * `Steps` name that many agent slots (`$.External.agent1` alone in the first step, the others
 * in the second), so no step names an unused slot. Every block, and a count out of range, go
 * on to `next`. Expiries are static (Connect reads them only so): the first step's is the wait
 * when one is set, else `preferredAgentExpirySeconds`, the second's `preferredAgentExpirySeconds`.
 *
 * @returns the identifier of the count check, where the criteria start.
 */
export function addRoutingCriteriaSteps(
  builder: FlowBuilder,
  options: {
    readonly id: (name: string) => string;
    readonly next: string;
    readonly resolved: ResolvedFlowOptions;
  },
): string {
  const { id, next, resolved } = options;
  const stepSeconds = resolved.preferredAgentExpirySeconds;
  const firstStepSeconds = resolved.waitSeconds > 0 ? resolved.waitSeconds : stepSeconds;
  const counts = Array.from({ length: routingCriteriaAgentSlots }, (_, index) => index + 1);
  const criteriaId = (count: number): string => {
    const word = countWords[count - 1];
    if (word === undefined) throw new RangeError(`no identifier for ${count} agents`);
    return id(`set-criteria-${word}-agent${count === 1 ? "" : "s"}`);
  };
  builder.compare(id("count-criteria-agents"), {
    value: external<"routingCriteria">("agentCount"),
    cases: counts.map((count) => ({ operand: String(count), next: criteriaId(count) })),
    otherwise: next,
  });
  for (const count of counts) {
    builder.setRoutingCriteria(criteriaId(count), {
      criteria: { Steps: stepsFor(count, firstStepSeconds, stepSeconds) },
      next,
      onError: next,
    });
  }
  return id("count-criteria-agents");
}

/** The preferred agent's step, and with more agents a step naming slots 2…`count`. */
function stepsFor(
  count: number,
  firstStepSeconds: number,
  stepSeconds: number,
): readonly StaticRoutingStep[] {
  const slots = Array.from({ length: count }, (_, index) =>
    external<"routingCriteria">(`agent${index + 1}` as RoutingCriteriaSlotKey),
  );
  const [preferred, ...further] = slots as [string, ...string[]];
  const steps = [agentsStep([preferred], firstStepSeconds)];
  if (further.length > 0) steps.push(agentsStep(further, stepSeconds));
  return steps;
}

function agentsStep(agentIds: readonly string[], seconds: number): StaticRoutingStep {
  return {
    Expression: {
      AttributeCondition: {
        ComparisonOperator: "Match",
        MatchCriteria: { AgentsCriteria: { AgentIds: agentIds } },
      },
    },
    Expiry: { DurationInSeconds: String(seconds) },
  };
}
