/**
 * Which users count as routable agents when not all of them do.
 *
 * A user must have one of `routingProfileIds` (when given) AND belong to one of
 * `hierarchyGroupIds` (when given). `includeChildGroups` matches users of the groups'
 * descendants too, otherwise only users whose own group (the deepest level they are assigned)
 * is one of them.
 *
 * There is no queue filter: Connect cannot search users by queue. To keep the agents who serve
 * a queue, list the routing profiles that contain it as `routingProfileIds`.
 */
export interface DirectoryFilter {
  readonly routingProfileIds?: readonly string[];
  readonly hierarchyGroupIds?: readonly string[];
  readonly includeChildGroups?: boolean;
}

/** What an agent event says about the agent's place in the directory. */
export interface DirectoryPlacement {
  /** The routing profile's ID, when the event names it. */
  readonly routingProfileId?: string;
  /** The hierarchy groups from the top level down (the agent's own group last); may be empty. */
  readonly hierarchyGroupIds: readonly string[];
}

/**
 * Whether an agent placed as `placement` passes `filter`, with the rules `SearchUsers` applies
 * (routing profile AND hierarchy group; `EXACT` or `WITH_CHILD_GROUPS`), so the agent event
 * stream and the directory refresher agree on who is an agent. `undefined` when the filter
 * needs the routing profile and the event does not name it (a `LOGOUT` without a snapshot):
 * the caller then leaves whatever it knew unchanged.
 *
 * @example
 * ```ts
 * import { matchesDirectoryFilter } from "@connect-affinity/core/agent-events";
 *
 * matchesDirectoryFilter({ routingProfileIds: ["rp-1"] }, { routingProfileId: "rp-1", hierarchyGroupIds: [] }); // true
 * ```
 */
export function matchesDirectoryFilter(
  filter: DirectoryFilter | undefined,
  placement: DirectoryPlacement,
): boolean | undefined {
  const profiles = filter?.routingProfileIds ?? [];
  const groups = filter?.hierarchyGroupIds ?? [];
  if (profiles.length > 0) {
    if (placement.routingProfileId === undefined) return undefined;
    if (!profiles.includes(placement.routingProfileId)) return false;
  }
  if (groups.length === 0) return true;
  const own = placement.hierarchyGroupIds[placement.hierarchyGroupIds.length - 1];
  return filter?.includeChildGroups === true
    ? placement.hierarchyGroupIds.some((id) => groups.includes(id))
    : own !== undefined && groups.includes(own);
}
