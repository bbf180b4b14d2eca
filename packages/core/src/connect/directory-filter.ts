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

/**
 * Which agents opt out of sticky routing: they still take contacts (new callers, queues), but
 * no customer is sent to them as their agent and serving a customer gives them no affinity. An
 * agent opts out when any of the conditions holds: their routing profile is one of
 * `routingProfileIds`, their hierarchy group is one of `hierarchyGroupIds` (the group the user
 * is assigned to, compared exactly), or they carry one of `tags` (`{ key: value }`; `"*"` as
 * the value matches any value of that key).
 *
 * The directory reads what it needs with `SearchUsers` (which returns each user's routing
 * profile, hierarchy group and tags; `ListUsers` returns none of them).
 */
export interface DirectoryOptOut {
  readonly routingProfileIds?: readonly string[];
  readonly hierarchyGroupIds?: readonly string[];
  readonly tags?: Readonly<Record<string, string>>;
}

/** What an opt-out reads of one user (the `SearchUsers` summary's fields). */
export interface OptOutFields {
  readonly RoutingProfileId?: string | undefined;
  readonly HierarchyGroupId?: string | undefined;
  readonly Tags?: Readonly<Record<string, string>> | undefined;
}

/**
 * A predicate "this user opted out" for `optOut`, or `undefined` when it opts nobody out.
 *
 * @throws InvalidOptionError for an empty ID, or a tag without a key or value.
 */
export function optOutPredicate(
  optOut: DirectoryOptOut,
): ((user: OptOutFields) => boolean) | undefined {
  rejectUnknownKeys(
    optionObject("optOut", optOut),
    ["routingProfileIds", "hierarchyGroupIds", "tags"],
    "optOut.",
  );
  const profiles = new Set(validIds("optOut.routingProfileIds", optOut.routingProfileIds));
  const groups = new Set(validIds("optOut.hierarchyGroupIds", optOut.hierarchyGroupIds));
  const tags = Object.entries(
    optOut.tags === undefined ? {} : optionObject("optOut.tags", optOut.tags),
  );
  for (const [key, value] of tags) {
    if (key.trim() === "" || typeof value !== "string" || value.trim() === "") {
      throw new InvalidOptionError("optOut.tags", "needs a key and a value (or *) for every tag");
    }
  }
  if (profiles.size === 0 && groups.size === 0 && tags.length === 0) return undefined;
  return (user) =>
    (user.RoutingProfileId !== undefined && profiles.has(user.RoutingProfileId)) ||
    (user.HierarchyGroupId !== undefined && groups.has(user.HierarchyGroupId)) ||
    tags.some(([key, value]) => {
      const actual = user.Tags?.[key];
      return actual !== undefined && (value === "*" || actual === value);
    });
}
