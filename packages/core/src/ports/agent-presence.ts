import type { Channel } from "../domain/agent.js";

/**
 * What a presence source knows about one agent.
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
}

/** Why presence could not be had. */
export type PresenceUnknownReason = "throttled" | "failed" | "stale" | "disabled";

/**
 * The answer of a presence source. With `known`, an agent missing from `agents` counts as
 * unavailable. With `unknown`, the decision still returns an order, marked unverified, and the
 * flow's own staffing check decides.
 */
export type PresenceLookup =
  | {
      readonly kind: "known";
      readonly agents: ReadonlyMap<string, AgentAvailability>;
      /** When the source observed this state (epoch ms). */
      readonly observedAt: number;
    }
  | {
      readonly kind: "unknown";
      readonly reason: PresenceUnknownReason;
      readonly detail?: string;
    };

/**
 * Port: who can take a contact now.
 *
 * `lookup` never rejects: throttling and failures come back as `{ kind: "unknown" }`, because a
 * missing presence degrades the decision and must never fail the contact.
 */
export interface AgentPresence {
  /** Presence of the given agents (Connect user IDs). */
  lookup(agentIds: readonly string[]): Promise<PresenceLookup>;
}
