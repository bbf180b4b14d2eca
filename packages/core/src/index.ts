export type { RoutingContact, StickyRouting } from "./application/sticky-routing.js";
export * from "./contract/index.js";
export type { AffinityAssignment, AffinityRecord } from "./domain/affinity-record.js";
export { type Agent, type Channel, channels } from "./domain/agent.js";
export type { AffinityStore, SaveOutcome } from "./ports/affinity-store.js";
export type { AgentDirectory, AgentRoster } from "./ports/agent-directory.js";
export type {
  AgentAvailability,
  AgentPresence,
  PresenceLookup,
  PresenceUnknownReason,
} from "./ports/agent-presence.js";
export { type Clock, systemClock } from "./ports/clock.js";
export type { RandomSource } from "./ports/random-source.js";
