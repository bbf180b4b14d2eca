/**
 * In-memory stand-ins for the router's ports, for tests and local runs: stores, directory and
 * presence you set by hand, a clock that moves when told, and reproducible randomness. None of
 * them is fit for production (nothing is shared between processes, nothing persists).
 *
 * @packageDocumentation
 */
export { type ContactIndexEntry, InMemoryAffinityStore } from "./in-memory-affinity-store.js";
export { InMemoryAgentDirectory } from "./in-memory-agent-directory.js";
export { InMemoryAgentIndex, type InMemoryAgentIndexOptions } from "./in-memory-agent-index.js";
export {
  InMemoryAgentPresence,
  type InMemoryAgentPresenceOptions,
} from "./in-memory-agent-presence.js";
export { ManualClock } from "./manual-clock.js";
export { SeededRandom } from "./seeded-random.js";
