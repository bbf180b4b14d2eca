import type { AgentAvailability } from "../domain/agent-availability.js";
import {
  booleanOption,
  optionObject,
  rejectUnknownKeys,
  withMethods,
} from "../options/option-checks.js";
import type {
  AgentPresence,
  PresenceLookup,
  PresenceUnknownReason,
  ReservationOutcome,
} from "../ports/agent-presence.js";
import type { Clock } from "../ports/clock.js";

/** Options of {@link InMemoryAgentPresence}. */
export interface InMemoryAgentPresenceOptions {
  /**
   * Keep reservations like the presence table (`true`), or answer `reserve` with `unsupported`
   * like Connect's API presence (default).
   */
  readonly reservations?: boolean;
}

/**
 * An {@link AgentPresence} you set by hand, for tests and local runs. Agents never `set` are
 * missing from the answer, which counts as unavailable.
 *
 * @example
 * ```ts
 * import { InMemoryAgentPresence, ManualClock } from "@connect-affinity/core/testing";
 *
 * const clock = new ManualClock(Date.UTC(2026, 0, 1));
 * const presence = new InMemoryAgentPresence(clock, { reservations: true });
 * presence.set("a1", { routable: true, availableSlots: { VOICE: 1 }, idleSince: 0 });
 * presence.failWith("throttled"); // lookups now answer { kind: "unknown", reason: "throttled" }
 * await presence.reserve("a1", "contact-1", clock.now() + 5_000); // "reserved"
 * ```
 */
export class InMemoryAgentPresence implements AgentPresence {
  readonly #agents = new Map<string, AgentAvailability>();
  readonly #clock: Clock | undefined;
  #failure: PresenceUnknownReason | undefined;
  #lookups = 0;
  #lookedUp: (readonly string[])[] = [];
  #reservations: { readonly agentId: string; readonly contactId: string }[] = [];
  #reserveFailure: Error | undefined;
  readonly #stale = new Set<string>();
  readonly #keepsReservations: boolean;

  /**
   * `clock` stamps `observedAt` and judges reservations; without one it is 0. With
   * `reservations: true` it keeps reservations like the presence table; without, `reserve`
   * answers `unsupported` like Connect's API presence.
   */
  constructor(clock?: Clock, options: InMemoryAgentPresenceOptions = {}) {
    rejectUnknownKeys(optionObject("options", options), ["reservations"]);
    this.#clock = clock === undefined ? undefined : withMethods("clock", clock, ["now"]);
    this.#keepsReservations =
      options.reservations !== undefined && booleanOption("reservations", options.reservations);
  }

  /** How many times `lookup` was called. */
  get lookups(): number {
    return this.#lookups;
  }

  /** The agent IDs of each lookup, oldest first. */
  get lookedUp(): readonly (readonly string[])[] {
    return this.#lookedUp;
  }

  /** Each `reserve` call that reserved an agent, oldest first. */
  get reservations(): readonly { readonly agentId: string; readonly contactId: string }[] {
    return this.#reservations;
  }

  /** Makes later `reserve` calls reject with `error`; `undefined` heals them. */
  failReservationsWith(error: Error | undefined): void {
    this.#reserveFailure = error;
  }

  /** Sets (or with `undefined`, forgets) one agent's availability. */
  set(agentId: string, availability: AgentAvailability | undefined): void {
    if (availability === undefined) this.#agents.delete(agentId);
    else this.#agents.set(agentId, availability);
  }

  /**
   * Marks an agent's reading as older than the freshness bound (`true`) or fresh again: a stale
   * agent is left out of `agents` and listed in `stale`, as the presence table's source does.
   */
  markStale(agentId: string, stale = true): void {
    if (stale) this.#stale.add(agentId);
    else this.#stale.delete(agentId);
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
    const stale = new Set<string>();
    for (const id of agentIds) {
      const availability = this.#agents.get(id);
      if (this.#stale.has(id)) stale.add(id);
      else if (availability !== undefined) agents.set(id, availability);
    }
    return {
      kind: "known",
      agents,
      observedAt: this.#clock?.now() ?? 0,
      ...(stale.size > 0 ? { stale } : {}),
    };
  }

  /**
   * Holds the agent for `contactId` until `untilMs`, with the rule of a conditional write:
   * `taken` while another contact holds an unexpired reservation (by the clock; 0 without one),
   * or when the agent was never `set` (a table holds no item to reserve).
   */
  async reserve(agentId: string, contactId: string, untilMs: number): Promise<ReservationOutcome> {
    if (this.#reserveFailure !== undefined) throw this.#reserveFailure;
    if (!this.#keepsReservations) return "unsupported";
    const current = this.#agents.get(agentId);
    const now = this.#clock?.now() ?? 0;
    if (current === undefined) return "taken";
    const idleAgain =
      current.reservedAt !== undefined &&
      current.idleSince !== undefined &&
      current.idleSince > current.reservedAt;
    if (
      current.reservedUntil !== undefined &&
      current.reservedUntil >= now &&
      current.reservedBy !== contactId &&
      !idleAgain
    ) {
      return "taken";
    }
    this.#agents.set(agentId, {
      ...current,
      reservedUntil: untilMs,
      reservedBy: contactId,
      reservedAt: now,
    });
    this.#reservations.push({ agentId, contactId });
    return "reserved";
  }
}
