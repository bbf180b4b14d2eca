import type { UserSearchCriteria } from "@aws-sdk/client-connect";
import type { DirectoryFilter } from "../domain/directory-filter.js";
import { InvalidOptionError } from "../domain/errors.js";
import { booleanOption, optionObject, rejectUnknownKeys } from "../options/option-checks.js";

/**
 * The `SearchUsers` criteria for `filter`, or `undefined` when the filter selects everyone
 * (then `ListUsers` is the cheaper call: 1,000 users a page instead of 500).
 *
 * @throws InvalidOptionError for an empty ID.
 */
export function userSearchCriteriaOf(filter: DirectoryFilter): UserSearchCriteria | undefined {
  rejectUnknownKeys(
    optionObject("filter", filter),
    ["routingProfileIds", "hierarchyGroupIds", "includeChildGroups"],
    "filter.",
  );
  const routingProfileIds = validIds("filter.routingProfileIds", filter.routingProfileIds);
  const hierarchyGroupIds = validIds("filter.hierarchyGroupIds", filter.hierarchyGroupIds);
  const includeChildGroups =
    filter.includeChildGroups === undefined
      ? false
      : booleanOption("filter.includeChildGroups", filter.includeChildGroups);
  const matchType = includeChildGroups ? "WITH_CHILD_GROUPS" : "EXACT";
  const groups: UserSearchCriteria[] = [];
  if (routingProfileIds.length > 0) {
    groups.push(
      anyOf(
        routingProfileIds.map((id) => ({
          StringCondition: { FieldName: "RoutingProfileId", Value: id, ComparisonType: "EXACT" },
        })),
      ),
    );
  }
  if (hierarchyGroupIds.length > 0) {
    groups.push(
      anyOf(
        hierarchyGroupIds.map((id) => ({
          HierarchyGroupCondition: { Value: id, HierarchyGroupMatchType: matchType },
        })),
      ),
    );
  }
  const [only, ...rest] = groups;
  if (only === undefined) {
    return undefined;
  }
  return rest.length === 0 ? only : { AndConditions: groups };
}

function anyOf(conditions: UserSearchCriteria[]): UserSearchCriteria {
  const [only, ...rest] = conditions;
  return only !== undefined && rest.length === 0 ? only : { OrConditions: conditions };
}

function validIds(option: string, ids: readonly string[] | undefined): readonly string[] {
  if (ids !== undefined && (!Array.isArray(ids) || !ids.every((id) => typeof id === "string"))) {
    throw new InvalidOptionError(option, "must be a list of IDs");
  }
  const unique = [...new Set(ids ?? [])];
  if (unique.some((id) => id.trim() === "")) {
    throw new InvalidOptionError(option, "must not contain an empty ID");
  }
  return unique;
}
