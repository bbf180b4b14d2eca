import { type Agent, type Channel, channels } from "../domain/agent.js";
import type { AgentAvailability } from "../domain/agent-availability.js";
import { defaultIndexShards, isShardCount, shardOf } from "../domain/agent-index-layout.js";
import { InvalidOptionError } from "../domain/errors.js";
import { reservedByAnother } from "../domain/presence-choice.js";
import {
  booleanOption,
  optionObject,
  rejectUnknownKeys,
  withMethods,
} from "../options/option-checks.js";
import type {
  AgentIndex,
  AgentIndexStatus,
  AvailableAgents,
  IndexedAgent,
} from "../ports/agent-index.js";
import type { PresenceUnknownReason, ReservationOutcome } from "../ports/agent-presence.js";
import type { Clock } from "../ports/clock.js";

/** Options of {@link InMemoryAgentIndex}. */
export interface InMemoryAgentIndexOptions {
  /** Shards per channel, 1–16. Default 4, as the presence table's writer. */
  readonly shards?: number;
  /** The indexed channels. Default `["VOICE"]`. */
  readonly channels?: readonly Channel[];
  /** Whether presence is current. Default `true`. */
  readonly current?: boolean;
  /** Whether the roster is complete (an unknown agent is then unlisted). Default `true`. */
  readonly rosterComplete?: boolean;
}

interface Stored {
  readonly agent: Agent;
  readonly listed: boolean;
  readonly availability: AgentAvailability | undefined;
}

interface Entry {
  readonly agent: Agent;
  readonly since: number;
}

/**
 * An {@link AgentIndex} you set by hand, for tests, local runs and the benchmark's decision
 * timing. Each channel's index is kept sorted per shard as agents change, so a read costs what
 * the shard holds, not the floor, as on the presence table. Reservations behave as the table's:
 * a reserved agent leaves the channel's index until `setAgent` describes them again.
 *
 * @example
 * ```ts
 * import { InMemoryAgentIndex, ManualClock } from "@connect-affinity/core/testing";
 *
 * const clock = new ManualClock(Date.UTC(2026, 0, 1));
 * const index = new InMemoryAgentIndex(clock, { shards: 1 });
 * index.setAgent({ id: "a1", arn: "arn:…/agent/a1" }, { routable: true, availableSlots: { VOICE: 1 }, idleSince: 0 });
 * await index.available("VOICE", 0, 20); // { kind: "known", agents: [a1] }
 * ```
 */
export class InMemoryAgentIndex implements AgentIndex {
  readonly #clock: Clock;
  readonly #shards: number;
  readonly #channels: readonly Channel[];
  readonly #agents = new Map<string, Stored>();
  /** Per channel, per shard: the entries sorted by `since`, then agent ID. */
  readonly #index = new Map<Channel, Entry[][]>();
  #current: boolean;
  #rosterComplete: boolean;
  #failure: PresenceUnknownReason | undefined;
  readonly #calls = { status: 0, agent: 0, available: 0, reserve: 0 };
  #reservations: { readonly agentId: string; readonly contactId: string }[] = [];

  constructor(clock: Clock, options: InMemoryAgentIndexOptions = {}) {
    rejectUnknownKeys(optionObject("options", options), [
      "shards",
      "channels",
      "current",
      "rosterComplete",
    ]);
    this.#clock = withMethods("clock", clock, ["now"]);
    const shards = options.shards ?? defaultIndexShards;
    if (!isShardCount(shards)) {
      throw new InvalidOptionError("shards", `must be a whole number from 1 to 16, got ${shards}`);
    }
    this.#shards = shards;
    this.#channels = options.channels ?? ["VOICE"];
    if (!this.#channels.every((channel) => channels.includes(channel))) {
      throw new InvalidOptionError("channels", `must be channels of ${channels.join(", ")}`);
    }
    this.#current = options.current === undefined || booleanOption("current", options.current);
    this.#rosterComplete =
      options.rosterComplete === undefined ||
      booleanOption("rosterComplete", options.rosterComplete);
    for (const channel of this.#channels) {
      this.#index.set(
        channel,
        Array.from({ length: shards }, () => []),
      );
    }
  }

  /** How many times each method was called. */
  get calls(): Readonly<{ status: number; agent: number; available: number; reserve: number }> {
    return { ...this.#calls };
  }

  /** Each `reserve` call that reserved an agent, oldest first. */
  get reservations(): readonly { readonly agentId: string; readonly contactId: string }[] {
    return this.#reservations;
  }

  /**
   * Lists `agent` with `availability` (`undefined`: the stream has not seen them), as the
   * stream's consumer writes an agent's item; puts them in (or takes them out of) each indexed
   * channel's index accordingly, their reservation aside.
   */
  setAgent(agent: Agent, availability?: AgentAvailability, listed = true): void {
    this.#agents.set(agent.id, { agent, listed, availability });
    for (const channel of this.#channels) {
      this.#remove(channel, agent.id);
      if (listed && canTake(availability, channel)) this.#insert(channel, agent, availability);
    }
  }

  /** Marks an agent unlisted (deleted, filtered out) and takes them out of every index. */
  unlist(agentId: string): void {
    const stored = this.#agents.get(agentId);
    if (stored !== undefined) this.setAgent(stored.agent, stored.availability, false);
  }

  /** Sets whether presence is current and the roster complete. */
  setStatus(status: { readonly current?: boolean; readonly rosterComplete?: boolean }): void {
    if (status.current !== undefined) this.#current = status.current;
    if (status.rosterComplete !== undefined) this.#rosterComplete = status.rosterComplete;
  }

  /** Makes every read answer `unknown` with `reason`; `undefined` heals it. */
  failWith(reason: PresenceUnknownReason | undefined): void {
    this.#failure = reason;
  }

  async status(): Promise<AgentIndexStatus> {
    this.#calls.status += 1;
    if (this.#failure !== undefined) return { kind: "unknown", reason: this.#failure };
    return {
      kind: "ready",
      shards: this.#shards,
      channels: this.#channels,
      current: this.#current,
      rosterComplete: this.#rosterComplete,
    };
  }

  async agent(agentId: string): Promise<IndexedAgent> {
    this.#calls.agent += 1;
    if (this.#failure !== undefined) return { kind: "unknown", reason: this.#failure };
    const stored = this.#agents.get(agentId);
    if (stored === undefined) {
      return this.#rosterComplete ? { kind: "unlisted" } : { kind: "unknown", reason: "stale" };
    }
    if (!stored.listed) return { kind: "unlisted" };
    return stored.availability === undefined
      ? {
          kind: "listed",
          agent: stored.agent,
          availability: { routable: false, availableSlots: {} },
        }
      : { kind: "listed", agent: stored.agent, availability: stored.availability };
  }

  async available(channel: Channel, shard: number, limit: number): Promise<AvailableAgents> {
    this.#calls.available += 1;
    if (this.#failure !== undefined) return { kind: "unknown", reason: this.#failure };
    const entries = this.#index.get(channel)?.[shard] ?? [];
    return {
      kind: "known",
      agents: entries.slice(0, Math.max(0, limit)).map((entry) => ({
        agent: entry.agent,
        availability: { routable: true, availableSlots: { [channel]: 1 }, idleSince: entry.since },
      })),
    };
  }

  async reserve(
    agentId: string,
    contactId: string,
    untilMs: number,
    channel: Channel,
  ): Promise<ReservationOutcome> {
    this.#calls.reserve += 1;
    const stored = this.#agents.get(agentId);
    const now = this.#clock.now();
    const availability = stored?.availability;
    if (
      stored === undefined ||
      !stored.listed ||
      !canTake(availability, channel) ||
      availability === undefined ||
      reservedByAnother(availability, { contactId, now })
    ) {
      return "taken";
    }
    this.#agents.set(agentId, {
      ...stored,
      availability: {
        ...availability,
        reservedUntil: untilMs,
        reservedBy: contactId,
        reservedAt: now,
      },
    });
    this.#remove(channel, agentId);
    this.#reservations.push({ agentId, contactId });
    return "reserved";
  }

  #insert(channel: Channel, agent: Agent, availability: AgentAvailability | undefined): void {
    const shard = this.#index.get(channel)?.[shardOf(agent.id, this.#shards)];
    if (shard === undefined) return;
    const since = availability?.idleSince ?? this.#clock.now();
    let low = 0;
    let high = shard.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const entry = shard[middle];
      if (
        entry !== undefined &&
        (entry.since < since || (entry.since === since && entry.agent.id < agent.id))
      ) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    shard.splice(low, 0, { agent, since });
  }

  #remove(channel: Channel, agentId: string): void {
    const shard = this.#index.get(channel)?.[shardOf(agentId, this.#shards)];
    if (shard === undefined) return;
    const at = shard.findIndex((entry) => entry.agent.id === agentId);
    if (at >= 0) shard.splice(at, 1);
  }
}

function canTake(availability: AgentAvailability | undefined, channel: Channel): boolean {
  return availability?.routable === true && (availability.availableSlots[channel] ?? 0) > 0;
}
