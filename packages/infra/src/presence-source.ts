/** Where the router learns who is available now, as the handlers' `PRESENCE_SOURCE` names it. */
export const presenceSources = ["connect-api", "event-stream", "none"] as const;

/**
 * One of {@link presenceSources}: `connect-api` asks Connect (`GetCurrentUserData`) on every
 * contact, fine for small centers; `event-stream` reads the presence table that the agent event
 * stream's consumer keeps, no Connect call per contact; `none` lets the flow's own staffing
 * check decide.
 */
export type PresenceSource = (typeof presenceSources)[number];
