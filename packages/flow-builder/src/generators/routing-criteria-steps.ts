import {
  type RoutingCriteriaSlotKey,
  routingCriteriaAgentSlots,
  routingCriteriaRingSlots,
} from "@connect-affinity/core/contract";
import type { FlowBuilder } from "../builder/flow-builder.js";
import type { StaticRoutingStep } from "../model/actions/flow-control-actions.js";
import { external } from "../model/json-path.js";
import type { ResolvedFlowOptions } from "./flow-options.js";

/**
 * Adds the routing criteria of a `routing-criteria` answer to `builder`, in the form Connect
 * is known to accept: a "Check contact attributes" on `$.External.agentCount` and, for two or
 * more agents, one on `$.External.ringCount`, leading to a "Set routing criteria" for each
 * shape an answer can have (up to {@link routingCriteriaAgentSlots} agents in up to
 * {@link routingCriteriaRingSlots} rings). Its static `Steps` are the answer's widening rings:
 * ring `k` names the slots `$.External.agent1`…`agentk`, the last ring every slot up to the
 * count, so no step names an unused slot. Every block, and a count out of range, go on to
 * `next`. Expiries are static (Connect reads them only so): the first ring's is the wait when
 * one is set, else `preferredAgentExpirySeconds`; every later ring's `preferredAgentExpirySeconds`.
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
  // Identifiers take letters and hyphens only: the counts are spelt out.
  const criteriaId = (agents: number, rings: number): string =>
    id(
      `set-criteria-${wordOf(agents)}-agent${agents === 1 ? "" : "s"}-${wordOf(rings)}-ring${rings === 1 ? "" : "s"}`,
    );
  const ringsOf = (agents: number): readonly number[] =>
    agents === 1
      ? [1]
      : Array.from(
          { length: Math.min(routingCriteriaRingSlots, agents) - 1 },
          (_, index) => index + 2,
        );
  builder.compare(id("count-criteria-agents"), {
    value: external<"routingCriteria">("agentCount"),
    cases: counts.map((agents) => ({
      operand: String(agents),
      next: agents === 1 ? criteriaId(1, 1) : id(`count-rings-of-${wordOf(agents)}`),
    })),
    otherwise: next,
  });
  for (const agents of counts) {
    const rings = ringsOf(agents);
    if (agents > 1) {
      builder.compare(id(`count-rings-of-${wordOf(agents)}`), {
        value: external<"routingCriteria">("ringCount"),
        cases: rings.map((count) => ({ operand: String(count), next: criteriaId(agents, count) })),
        otherwise: next,
      });
    }
    for (const count of rings) {
      builder.setRoutingCriteria(criteriaId(agents, count), {
        criteria: { Steps: ringsFor(agents, count, firstStepSeconds, stepSeconds) },
        next,
        onError: next,
      });
    }
  }
  return id("count-criteria-agents");
}

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
] as const;

function wordOf(count: number): string {
  const word = countWords[count - 1];
  if (word === undefined) throw new RangeError(`no identifier for a count of ${count}`);
  return word;
}

/** `rings` widening rings over `agents` slots: one more slot a ring, the last ring all of them. */
function ringsFor(
  agents: number,
  rings: number,
  firstStepSeconds: number,
  stepSeconds: number,
): readonly StaticRoutingStep[] {
  const slot = (index: number): string =>
    external<"routingCriteria">(`agent${index + 1}` as RoutingCriteriaSlotKey);
  return Array.from({ length: rings }, (_, ring) => {
    const width = ring === rings - 1 ? agents : ring + 1;
    return agentsStep(
      Array.from({ length: width }, (_, index) => slot(index)),
      ring === 0 ? firstStepSeconds : stepSeconds,
    );
  });
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
