import type { AgentAvailability } from "../domain/agent-availability.js";
import type { CallOptions } from "./call-options.js";

/**
 * The answer of {@link AgentPresence.reserve}: `reserved` (the agent is held for this contact),
 * `taken` (another contact holds them; choose someone else), or `unsupported` (the source keeps
 * no reservations; the offer stands unreserved).
 */
export type ReservationOutcome = "reserved" | "taken" | "unsupported";

/**
 * Options of {@link AgentPresence.reserve}: the time budget, and what the lookup said about
 * the agent's current idle period.
 */
export interface ReserveOptions extends CallOptions {
  /**
   * When the agent's current idle period began, as the lookup the offer came from saw it
   * (`AgentAvailability.idleSince`). A reservation made before it is one whose contact the agent
   * has already served, so it no longer holds the agent.
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
  /**
   * Presence of the given agents (Connect user IDs). `options.signal` (the time budget) should
   * abort the lookup, which then answers `unknown`.
   */
  lookup(agentIds: readonly string[], options?: CallOptions): Promise<PresenceLookup>;
  /**
   * Holds `agentId` for `contactId` until `untilMs` (epoch ms), unless another contact holds an
   * unexpired reservation. Optional: a source without it keeps no reservations. Concurrent
   * routes that read the same presence use it so they do not offer one idle agent to several
   * contacts. It may reject on an outage; the router then offers the agent unreserved.
   */
  reserve?(
    agentId: string,
    contactId: string,
    untilMs: number,
    options?: ReserveOptions,
  ): Promise<ReservationOutcome>;
}
