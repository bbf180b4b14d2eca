import { z } from "zod";
import type { SimAgent } from "../agents/sim-agent.js";
import { invalidParameter } from "./connect-api-error.js";

/** `UserSearchCriteria` of `SearchUsers`, the parts the emulator understands. */
export interface UserSearchCriteria {
  readonly OrConditions?: readonly UserSearchCriteria[] | undefined;
  readonly AndConditions?: readonly UserSearchCriteria[] | undefined;
  readonly StringCondition?:
    | {
        readonly FieldName?: string | undefined;
        readonly Value?: string | undefined;
        readonly ComparisonType?: string | undefined;
      }
    | undefined;
  readonly HierarchyGroupCondition?:
    | { readonly Value?: string | undefined; readonly HierarchyGroupMatchType?: string | undefined }
    | undefined;
  readonly ListCondition?: unknown;
}

/** Reads `SearchCriteria` from a request body. */
export const userSearchCriteriaSchema: z.ZodType<UserSearchCriteria> = z.lazy(() =>
  z.object({
    OrConditions: z.array(userSearchCriteriaSchema).optional(),
    AndConditions: z.array(userSearchCriteriaSchema).optional(),
    StringCondition: z
      .object({
        FieldName: z.string().optional(),
        Value: z.string().optional(),
        ComparisonType: z.string().optional(),
      })
      .optional(),
    HierarchyGroupCondition: z
      .object({ Value: z.string().optional(), HierarchyGroupMatchType: z.string().optional() })
      .optional(),
    ListCondition: z.unknown().optional(),
  }),
);

/**
 * Whether `agent` matches `criteria`: every condition present in one criteria object holds,
 * `OrConditions` needs one, `AndConditions` all.
 *
 * `StringCondition` fields: `Username`, `FirstName`, `LastName` (compared without case),
 * `RoutingProfileId`, `SecurityProfileId`, `ResourceId` (exact IDs); comparisons `EXACT`,
 * `STARTS_WITH`, `CONTAINS`. The simulated instance has a flat hierarchy, so
 * `HierarchyGroupCondition` matches the agent's own group under either match type.
 * Proficiency `ListCondition`s are refused: simulated agents have no proficiencies.
 */
export function matchesUserSearch(
  criteria: UserSearchCriteria,
  agent: SimAgent,
  securityProfileId: string,
): boolean {
  if (criteria.ListCondition !== undefined) {
    throw invalidParameter("ListCondition (proficiencies) is not supported by the emulator.");
  }
  const checks: boolean[] = [];
  if (criteria.OrConditions !== undefined) {
    checks.push(criteria.OrConditions.some((c) => matchesUserSearch(c, agent, securityProfileId)));
  }
  if (criteria.AndConditions !== undefined) {
    checks.push(
      criteria.AndConditions.every((c) => matchesUserSearch(c, agent, securityProfileId)),
    );
  }
  if (criteria.StringCondition !== undefined) {
    checks.push(matchesString(criteria.StringCondition, agent, securityProfileId));
  }
  if (criteria.HierarchyGroupCondition !== undefined) {
    const { Value, HierarchyGroupMatchType } = criteria.HierarchyGroupCondition;
    if (
      HierarchyGroupMatchType !== undefined &&
      HierarchyGroupMatchType !== "EXACT" &&
      HierarchyGroupMatchType !== "WITH_CHILD_GROUPS"
    ) {
      throw invalidParameter(`Invalid HierarchyGroupMatchType ${HierarchyGroupMatchType}.`);
    }
    checks.push(Value !== undefined && Value === agent.hierarchyGroupId);
  }
  return checks.every(Boolean);
}

function matchesString(
  condition: NonNullable<UserSearchCriteria["StringCondition"]>,
  agent: SimAgent,
  securityProfileId: string,
): boolean {
  const { FieldName, Value, ComparisonType } = condition;
  if (FieldName === undefined || Value === undefined) {
    throw invalidParameter("StringCondition needs FieldName and Value.");
  }
  const field = fieldOf(FieldName, agent, securityProfileId);
  if (field === undefined) {
    throw invalidParameter(`Unsupported FieldName ${FieldName} in StringCondition.`);
  }
  const actual = field.caseless ? field.value.toLowerCase() : field.value;
  const wanted = field.caseless ? Value.toLowerCase() : Value;
  switch (ComparisonType ?? "EXACT") {
    case "EXACT":
      return actual === wanted;
    case "STARTS_WITH":
      return actual.startsWith(wanted);
    case "CONTAINS":
      return actual.includes(wanted);
    default:
      throw invalidParameter(`Invalid ComparisonType ${ComparisonType}.`);
  }
}

function fieldOf(
  name: string,
  agent: SimAgent,
  securityProfileId: string,
): { readonly value: string; readonly caseless: boolean } | undefined {
  switch (name.toLowerCase()) {
    case "username":
    case "firstname":
      return { value: agent.username, caseless: true };
    case "lastname":
      return { value: "", caseless: true };
    case "routingprofileid":
      return { value: agent.routingProfileId, caseless: false };
    case "securityprofileid":
      return { value: securityProfileId, caseless: false };
    case "resourceid":
      return { value: agent.id, caseless: false };
    default:
      return undefined;
  }
}
