import type { Channel } from "./agent.js";

/**
 * What a presence source knows about one agent: whether they can take a contact now, and the
 * facts the choice between available agents reads (idle time, another contact's reservation).
 */
export interface AgentAvailability {
  /** The agent's status is of type ROUTABLE (e.g. "Available"). */
  readonly routable: boolean;
  /** Free slots per channel; a channel that is absent has no free slot. */
  readonly availableSlots: Readonly<Partial<Record<Channel, number>>>;
  /**
   * Since when the agent has had nothing to do (epoch ms), when the source knows it. Used by
   * the `longest-idle` strategy to spread new callers.
   */
  readonly idleSince?: number;
  /**
   * Until when (epoch ms) a router has reserved the agent for the contact `reservedBy`, when the
   * source supports reservations. Another contact treats the agent as unavailable until then.
   */
  readonly reservedUntil?: number;
  /** The contact ID holding the reservation. */
  readonly reservedBy?: string;
  /**
   * When the reservation was made (epoch ms). An agent idle since after it has taken and
   * finished a contact since, so the reservation no longer holds them.
   */
  readonly reservedAt?: number;
}
