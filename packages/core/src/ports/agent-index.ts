import type { Agent, Channel } from "../domain/agent.js";
import type { AgentAvailability } from "../domain/agent-availability.js";
import type {
  PresenceUnknownReason,
  ReservationOutcome,
  ReserveOptions,
} from "./agent-presence.js";
import type { CallOptions } from "./call-options.js";

/**
 * The shape and health of an {@link AgentIndex}, which adapters read now and then and cache.
 *
 * - `ready`: the index can be read. `shards` is how many shards each channel's index has
 *   ({@link AgentIndex.available} takes one of `0 … shards - 1`), `channels` the channels that
 *   have an index. `current`: presence is up to date (the agent event stream is being read);
 *   when it is not, the router still offers what the index says, marked `unverified`.
 *   `rosterComplete`: the roster has been reconciled with the directory at least once, so an
 *   agent the index does not know is not an agent; before that such an agent is `unknown`.
 * - `unknown`: the index could not be read (throttled, failed) or does not exist yet.
 */
export type AgentIndexStatus =
  | {
      readonly kind: "ready";
      readonly shards: number;
      readonly channels: readonly Channel[];
      readonly current: boolean;
      readonly rosterComplete: boolean;
    }
  | {
      readonly kind: "unknown";
      readonly reason: PresenceUnknownReason;
      readonly detail?: string;
    };

/**
 * One agent as the index knows them, from a single-item read.
 *
 * - `listed`: an agent of the directory. `availability` is their presence, absent when it is
 *   not known (the stream has not seen them, or what it said is too old to trust).
 * - `unlisted`: not an agent (deleted, filtered out, or unknown to a complete roster).
 * - `unknown`: the entry could not be read.
 */
export type IndexedAgent =
  | {
      readonly kind: "listed";
      readonly agent: Agent;
      readonly availability?: AgentAvailability;
    }
  | { readonly kind: "unlisted" }
  | {
      readonly kind: "unknown";
      readonly reason: PresenceUnknownReason;
      readonly detail?: string;
    };

/** An agent the index says can take a contact, and what it knows of them. */
export interface AvailableAgent {
  readonly agent: Agent;
  /** Routable with a free slot on the channel asked for; `idleSince` orders the index. */
  readonly availability: AgentAvailability;
}

/** The answer of {@link AgentIndex.available}. */
export type AvailableAgents =
  | { readonly kind: "known"; readonly agents: readonly AvailableAgent[] }
  | {
      readonly kind: "unknown";
      readonly reason: PresenceUnknownReason;
      readonly detail?: string;
    };

/**
 * Port: the shared roster and an index of the agents who can take a contact now, for centers
 * too large for every container to list the directory and rank the whole floor.
 *
 * Every read is bounded: `agent` is one item, `available` one shard's first `limit` entries.
 * A router reads the preferred agent with `agent`, and new-caller candidates shard by shard
 * with `available`, so the reads and the ranking work of a route do not grow with the floor.
 * `reserve` takes the agent out of the channel's index atomically, so concurrent routes do not
 * offer the same agent.
 *
 * None of the reads rejects: outages come back as `unknown`. `reserve` may reject; the router
 * then offers the agent unreserved. `options.signal` (the invocation's time budget) should abort
 * each call; the router stops waiting for it either way.
 */
export interface AgentIndex {
  /** The index's shards and channels, and whether presence and roster are current. */
  status(options?: CallOptions): Promise<AgentIndexStatus>;
  /** One agent's directory entry and presence (a single-item read). */
  agent(agentId: string, options?: CallOptions): Promise<IndexedAgent>;
  /**
   * Up to `limit` agents who can take a contact on `channel` from shard `shard` (see
   * {@link AgentIndexStatus}), longest idle first.
   */
  available(
    channel: Channel,
    shard: number,
    limit: number,
    options?: CallOptions,
  ): Promise<AvailableAgents>;
  /**
   * Holds `agentId` for `contactId` until `untilMs` (epoch ms) and takes them out of
   * `channel`'s index: `reserved`, or `taken` when they cannot take the contact any more (another
   * contact holds them, or they are busy, or they are not an agent). `options.idleSince` is
   * when the agent's idle period began as the read the offer came from saw it: a reservation
   * made before it has been served already.
   */
  reserve(
    agentId: string,
    contactId: string,
    untilMs: number,
    channel: Channel,
    options?: ReserveOptions,
  ): Promise<ReservationOutcome>;
}
