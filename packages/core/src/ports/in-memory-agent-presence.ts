import type {
  AgentAvailability,
  AgentPresence,
  PresenceLookup,
  PresenceUnknownReason,
} from "./agent-presence.js";
import type { Clock } from "./clock.js";

/**
 * An {@link AgentPresence} you set by hand, for tests and local runs. Agents never `set` are
 * missing from the answer, which counts as unavailable.
 *
 * @example
 * ```ts
 * const presence = new InMemoryAgentPresence(clock);
 * presence.set("a1", { routable: true, availableSlots: { VOICE: 1 }, idleSince: 0 });
 * presence.failWith("throttled"); // lookups now answer { kind: "unknown", reason: "throttled" }
 * ```
 */
export class InMemoryAgentPresence implements AgentPresence {
  readonly #agents = new Map<string, AgentAvailability>();
  readonly #clock: Clock | undefined;
  #failure: PresenceUnknownReason | undefined;
  #lookups = 0;
  #lookedUp: (readonly string[])[] = [];

  /** `clock` stamps `observedAt`; without one it is 0. */
  constructor(clock?: Clock) {
    this.#clock = clock;
  }

  /** How many times `lookup` was called. */
  get lookups(): number {
    return this.#lookups;
  }

  /** The agent IDs of each lookup, oldest first. */
  get lookedUp(): readonly (readonly string[])[] {
    return this.#lookedUp;
  }

  /** Sets (or with `undefined`, forgets) one agent's availability. */
  set(agentId: string, availability: AgentAvailability | undefined): void {
    if (availability === undefined) this.#agents.delete(agentId);
    else this.#agents.set(agentId, availability);
  }

  /** Forgets every agent. */
  clear(): void {
    this.#agents.clear();
  }

  /** Makes later lookups answer "unknown" for `reason`; `undefined` heals the source. */
  failWith(reason: PresenceUnknownReason | undefined): void {
    this.#failure = reason;
  }

  async lookup(agentIds: readonly string[]): Promise<PresenceLookup> {
    this.#lookups += 1;
    this.#lookedUp.push([...agentIds]);
    if (this.#failure !== undefined) return { kind: "unknown", reason: this.#failure };
    const agents = new Map<string, AgentAvailability>();
    for (const id of agentIds) {
      const availability = this.#agents.get(id);
      if (availability !== undefined) agents.set(id, availability);
    }
    return { kind: "known", agents, observedAt: this.#clock?.now() ?? 0 };
  }
}
