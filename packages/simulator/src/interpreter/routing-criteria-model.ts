/** One step of a contact's routing criteria: who may take it, and for how long the step lasts. */
export interface RoutingStepModel {
  /** Connect user IDs (or agent ARNs) of the preferred agents of this step. */
  readonly agentIds: readonly string[];
  /** Absent on a step that never expires (it waits for its agents forever). */
  readonly expirySeconds?: number;
}

/** A contact's routing criteria, as "Set routing criteria" stored them. */
export interface RoutingCriteriaModel {
  readonly steps: readonly RoutingStepModel[];
}

/**
 * Reads routing criteria in the shape of the `UpdateContactRoutingData` API (and of a Lambda's
 * JSON response): `{ Steps: [{ Expression: { AttributeCondition: { ComparisonOperator: "Match",
 * MatchCriteria: { AgentsCriteria: { AgentIds } } } }, Expiry?: { DurationInSeconds } }] }`.
 * Answers undefined for anything else, which the action reports as an error.
 */
export function parseRoutingCriteria(value: unknown): RoutingCriteriaModel | undefined {
  const steps = field(value, "Steps");
  if (!Array.isArray(steps) || steps.length === 0) return undefined;
  const parsed: RoutingStepModel[] = [];
  for (const step of steps) {
    const condition = field(field(step, "Expression"), "AttributeCondition");
    if (field(condition, "ComparisonOperator") !== "Match") return undefined;
    const agentIds = field(field(field(condition, "MatchCriteria"), "AgentsCriteria"), "AgentIds");
    if (!Array.isArray(agentIds) || agentIds.length === 0) return undefined;
    if (!agentIds.every((id): id is string => typeof id === "string" && id !== ""))
      return undefined;
    const expiry = field(step, "Expiry");
    if (expiry === undefined) {
      parsed.push({ agentIds });
      continue;
    }
    // Flow JSON writes every scalar as a string; the API and Lambda responses use numbers.
    const seconds = Number(field(expiry, "DurationInSeconds"));
    if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
    parsed.push({ agentIds, expirySeconds: seconds });
  }
  return { steps: parsed };
}

/**
 * The agents who may take a contact `waitedMs` after it was queued: those of the step in force,
 * or undefined (any agent of the queue) once every step has expired.
 */
export function preferredAgentsAt(
  criteria: RoutingCriteriaModel,
  waitedMs: number,
): readonly string[] | undefined {
  let stepEndsMs = 0;
  for (const step of criteria.steps) {
    if (step.expirySeconds === undefined) return step.agentIds;
    stepEndsMs += step.expirySeconds * 1000;
    if (waitedMs < stepEndsMs) return step.agentIds;
  }
  return undefined;
}

function field(value: unknown, key: string): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  return (value as Readonly<Record<string, unknown>>)[key];
}
