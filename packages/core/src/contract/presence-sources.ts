/**
 * Where the router learns who is available now, as a deployment chooses it:
 *
 * - `connect-api`: Amazon Connect's `GetCurrentUserData`, one call per contact; fine for small
 *   centers.
 * - `event-stream`: the presence table that the agent event stream's consumer keeps; no Connect
 *   call per contact, for large centers.
 * - `none`: no presence at all; every offer is unverified and the flow's own staffing check
 *   decides.
 *
 * The handlers read it from `PRESENCE_SOURCE`, infra from the stack's `presenceSource`, the
 * simulator from a scenario's `presence`.
 *
 * @example
 * ```ts
 * import { presenceSources } from "@connect-affinity/core/contract";
 * presenceSources.includes("event-stream"); // true
 * ```
 */
export const presenceSources = ["connect-api", "event-stream", "none"] as const;

/** One of {@link presenceSources}. */
export type PresenceSource = (typeof presenceSources)[number];
