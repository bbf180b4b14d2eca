import type { AgentReason, NoneReason, PresenceState } from "../contract/attribute-contract.js";
import type { Agent, Channel } from "./agent.js";
import type { AgentAvailability } from "./agent-availability.js";
import { maxShardReadsPerWalk, shardOrder } from "./agent-index-layout.js";
import { maxReservationsPerWindow, type WalkCursor, type WalkOffer } from "./candidate-walk.js";
import type { NewCallerStrategyName } from "./new-caller-strategy.js";
import {
  type AvailableChoiceRule,
  chooseAvailable,
  preferredAgentVerdict,
  type ReservationClaim,
} from "./presence-choice.js";
import { agentRank, compareRanked } from "./rendezvous-rank.js";
import type { RoutingCursor } from "./routing-cursor.js";

/**
 * Index entries one shard read asks for: enough to pick among the agents idle longest and to
 * survive a few reservations lost to concurrent routes, few enough that one read stays within
 * one 4 KB read unit (an entry is the agent ID, the shard, the idle time and the agent ARN,
 * under 200 bytes).
 */
export const indexReadLimit = 20;

/**
 * Everything a walk over the agent index decides from, fixed for the walk. What the index
 * says arrives step by step.
 */
export interface IndexWalk {
  /** `route` (the contact's first offer) or `next` (a later one). */
  readonly step: "route" | "next";
  readonly channel: Channel;
  /** Where the walk stands before this offer. */
  readonly cursor: WalkCursor;
  /**
   * The returning caller's agent (`route` only), already in `cursor.excluded`, with their
   * presence from the index (`undefined`: not known, so they are offered unverified).
   */
  readonly preferred?: IndexedPreference;
  /**
   * The returning caller's further agents in rank order (`route` only, in `cursor.excluded`
   * too), with their presence from the index: tried after `preferred`, before the shards.
   */
  readonly others?: readonly IndexedPreference[];
  /**
   * Whether a preferred (or ranked) agent who is routable but busy, or whom the index refuses
   * to reserve (another contact holds them), is offered all the same with presence `busy`, for
   * the caller to wait for them (the router's `preferredWaitSeconds` above 0). Without it such
   * an agent is passed over for the next candidate.
   */
  readonly waitForPreferred?: boolean;
  /** The contact the walk reserves agents for, and the time it judges reservations at. */
  readonly claim: ReservationClaim;
  readonly strategy: NewCallerStrategyName;
  /** The router's `idlePoolSize`. */
  readonly idlePoolSize: number;
  /**
   * The index as its status describes it (shards; `current`: presence is up to date, so offers
   * are `verified`), or `undefined` when it cannot be read.
   */
  readonly index: { readonly shards: number; readonly current: boolean } | undefined;
  /**
   * Agents the customer must never be offered: no shard's choice names them, and every cursor
   * the walk hands out carries them, so `next` keeps honouring them. Empty for most customers.
   */
  readonly excludedByCustomer: readonly string[];
}

/** One of a returning caller's agents, with their presence as the index entry says. */
export interface IndexedPreference {
  readonly agent: Agent;
  /** `undefined`: not known (or too old to trust), so the agent is offered unverified. */
  readonly availability: AgentAvailability | undefined;
}

/** Where an index walk stands between two steps; only this module reads it. */
export interface IndexWalkProgress {
  /** Shards read so far. */
  readonly reads: number;
  /** Where the returning caller's ranked agents are tried from next (after a refused reservation). */
  readonly preferredFrom?: number;
  /** The shard last read: its agents in the order they are offered, and who is still open. */
  readonly window?: {
    readonly agents: readonly Agent[];
    readonly open: ReadonlyMap<string, AgentAvailability>;
    readonly reservations: number;
  };
}

/**
 * What the router does next for a contact on the agent index.
 *
 * - `read-shard`: read up to `limit` agents of shard `shard` (`AgentIndex.available`), then
 *   call {@link afterShardRead} (with `undefined` when the read failed).
 * - `reserve-then-offer`: reserve `offer.agent`, then call {@link afterIndexReservation} with
 *   whether the reservation was refused. A refused agent counts as busy, never free: a
 *   returning caller's own agent is then offered to wait for (`ifTaken: "wait-for-them"`, with
 *   the bounded wait on) or passed over for their next ranked agent (`try-next-preferred`);
 *   anyone else for another agent of the shard (`choose-another`).
 * - `offer` / `none`: the answer; the walk is over.
 */
export type IndexWalkStep =
  | {
      readonly kind: "read-shard";
      readonly shard: number;
      readonly limit: number;
      readonly progress: IndexWalkProgress;
    }
  | {
      readonly kind: "reserve-then-offer";
      readonly offer: WalkOffer;
      readonly ifTaken: "wait-for-them" | "try-next-preferred" | "choose-another";
      readonly progress: IndexWalkProgress;
    }
  | { readonly kind: "offer"; readonly offer: WalkOffer }
  | { readonly kind: "none"; readonly reason: NoneReason; readonly presence: PresenceState };

/** A step that waits for a shard read. */
export type ReadShardStep = Extract<IndexWalkStep, { readonly kind: "read-shard" }>;

/** A step that waits for a reservation. */
export type IndexReserveStep = Extract<IndexWalkStep, { readonly kind: "reserve-then-offer" }>;

/**
 * The first step of a walk over the agent index: the index holds only agents who can take a
 * contact on the channel (routable, a free slot, listed, not reserved), so the walk reads them
 * a shard at a time instead of the presence of a window of the whole floor.
 *
 * - A returning caller's agents come first, in rank order: the first whose presence is not
 *   known or not current is offered unverified (the flow's own check decides); the first who
 *   can take the contact is reserved and offered (refused, because another contact holds them:
 *   busy, so waited for with the bounded wait on, else the next one is tried); the first who is
 *   routable but busy is offered with presence `busy` when the wait is on, else passed over.
 * - Then the shards, in the contact's own order (`shardOrder`), at most
 *   {@link maxShardReadsPerWalk} of them: of each shard's agents (the cursor's offered agents
 *   left out), `longest-idle` reserves one of the `idlePoolSize` idle longest, picked from the
 *   seed; `random` and `caller-hash` rank them by the seed and reserve the first. A reservation
 *   refused (a concurrent route was faster) tries the next agent of the same shard, at most
 *   {@link maxReservationsPerWindow} times, then the next shard.
 * - Nobody in the shards read: `none`, `no-agent-available`. The index unreadable:
 *   `none`, `no-routable-agents`, unverified (the flow's fallback decides).
 *
 * Reads per walk: at most {@link maxShardReadsPerWalk} shard reads and
 * `maxShardReadsPerWalk × maxReservationsPerWindow + 1` reservations, whatever the floor size;
 * the ranking work is over at most `indexReadLimit` agents a shard.
 */
export function startIndexWalk(walk: IndexWalk): IndexWalkStep {
  return choosePreferred(walk, { reads: 0 }, 0) ?? openShard(walk, 0);
}

/**
 * The step after a shard was read: its agents, longest idle first, or `undefined` when the
 * index could not be read.
 */
export function afterShardRead(
  walk: IndexWalk,
  step: ReadShardStep,
  agents:
    | readonly { readonly agent: Agent; readonly availability: AgentAvailability }[]
    | undefined,
): IndexWalkStep {
  if (agents === undefined) {
    return { kind: "none", reason: "no-routable-agents", presence: "unverified" };
  }
  const offered = new Set([...walk.cursor.excluded, ...walk.excludedByCustomer]);
  if (walk.cursor.last !== undefined) offered.add(walk.cursor.last);
  for (const preference of rankedPreferred(walk)) offered.add(preference.agent.id);
  const candidates = agents.filter((entry) => !offered.has(entry.agent.id));
  const ordered =
    walk.strategy === "longest-idle"
      ? candidates
      : candidates
          .map((entry) => ({ entry, rank: agentRank(walk.cursor.seed, entry.agent.id) }))
          .sort((a, b) => compareRanked(a.rank, a.entry.agent.id, b.rank, b.entry.agent.id))
          .map(({ entry }) => entry);
  return chooseInShard(walk, {
    reads: step.progress.reads,
    window: {
      agents: ordered.map((entry) => entry.agent),
      open: new Map(ordered.map((entry) => [entry.agent.id, entry.availability])),
      reservations: 0,
    },
  });
}

/**
 * The step after a reservation: `taken` when the index refused it (another contact holds the
 * agent, or they are busy now).
 */
export function afterIndexReservation(
  walk: IndexWalk,
  step: IndexReserveStep,
  taken: boolean,
): IndexWalkStep {
  if (!taken) return { kind: "offer", offer: step.offer };
  if (step.ifTaken === "wait-for-them") {
    return { kind: "offer", offer: { ...step.offer, presence: "busy" } };
  }
  if (step.ifTaken === "try-next-preferred") {
    const from = step.progress.preferredFrom ?? 0;
    return choosePreferred(walk, step.progress, from) ?? openShard(walk, step.progress.reads);
  }
  const { window } = step.progress;
  if (window === undefined) return openShard(walk, step.progress.reads);
  const open = new Map(window.open);
  open.delete(step.offer.agent.id);
  return chooseInShard(walk, { ...step.progress, window: { ...window, open } });
}

function openShard(walk: IndexWalk, reads: number): IndexWalkStep {
  const { index } = walk;
  if (index === undefined) {
    return { kind: "none", reason: "no-routable-agents", presence: "unverified" };
  }
  const order = shardOrder(walk.cursor.seed, index.shards);
  const shard = order[reads];
  if (reads >= maxShardReadsPerWalk || shard === undefined) {
    return { kind: "none", reason: "no-agent-available", presence: presenceOf(walk) };
  }
  return { kind: "read-shard", shard, limit: indexReadLimit, progress: { reads: reads + 1 } };
}

function chooseInShard(walk: IndexWalk, progress: IndexWalkProgress): IndexWalkStep {
  const { window } = progress;
  if (window !== undefined && window.reservations < maxReservationsPerWindow) {
    const choice = chooseAvailable(
      window.agents,
      window.open,
      walk.channel,
      choiceRule(walk),
      walk.claim,
    );
    if (choice.kind === "available") {
      return {
        kind: "reserve-then-offer",
        offer: walkOffer(walk, choice.agent, presenceOf(walk), cursorAfter(walk, choice.agent)),
        ifTaken: "choose-another",
        progress: { ...progress, window: { ...window, reservations: window.reservations + 1 } },
      };
    }
  }
  return openShard(walk, progress.reads);
}

function choiceRule(walk: IndexWalk): AvailableChoiceRule {
  return walk.strategy === "longest-idle"
    ? { kind: "longest-idle", poolSize: walk.idlePoolSize, seed: walk.cursor.seed }
    : { kind: "in-order" };
}

function presenceOf(walk: IndexWalk): PresenceState {
  return walk.index?.current === true ? "verified" : "unverified";
}

/**
 * The cursor after an offer: the agent offered becomes `last`, which the next walk leaves out
 * (the index drops them anyway once reserved; this covers the moment before it catches up).
 * The preferred agent stays in `excluded`.
 */
function cursorAfter(walk: IndexWalk, agent: Agent | undefined): RoutingCursor {
  const { seed, attempts, excluded, last, idlePicked } = walk.cursor;
  const nextLast = agent?.id ?? last;
  return {
    seed,
    attempts: attempts + 1,
    ...(nextLast === undefined ? {} : { last: nextLast }),
    excluded: [...excluded],
    ...(idlePicked === true ? { idlePicked } : {}),
    ...(walk.excludedByCustomer.length === 0
      ? {}
      : { customerExcluded: [...walk.excludedByCustomer] }),
  };
}

/**
 * The returning caller's agents from the `from`-th in rank order (see {@link startIndexWalk}),
 * or `undefined` when none of them will do: the shards decide.
 */
function choosePreferred(
  walk: IndexWalk,
  progress: IndexWalkProgress,
  from: number,
): IndexWalkStep | undefined {
  const agents = rankedPreferred(walk);
  const wait = walk.waitForPreferred === true;
  const cursor = cursorAfter(walk, undefined);
  for (let index = from; index < agents.length; index += 1) {
    const { agent, availability } = agents[index] as IndexedPreference;
    const verdict = preferredAgentVerdict(availability, {
      trusted: availability !== undefined && walk.index?.current === true,
      channel: walk.channel,
      claim: walk.claim,
      waitForPreferred: wait,
    });
    if (verdict === "pass") continue;
    if (verdict !== "reserve") return offerStep(walk, agent, verdict, cursor);
    return {
      kind: "reserve-then-offer",
      offer: walkOffer(walk, agent, "verified", cursor),
      ifTaken: wait ? "wait-for-them" : "try-next-preferred",
      progress: { ...progress, preferredFrom: index + 1 },
    };
  }
  return undefined;
}

/** The returning caller's agents in rank order, none the customer excluded. */
function rankedPreferred(walk: IndexWalk): readonly IndexedPreference[] {
  const top = preferredOf(walk);
  if (top === undefined) return [];
  const others = (walk.others ?? []).filter(
    (other) => other.agent.id !== top.agent.id && !walk.excludedByCustomer.includes(other.agent.id),
  );
  return [top, ...others];
}

/** The returning caller's agent, unless the customer excluded them (then nobody is preferred). */
function preferredOf(walk: IndexWalk): IndexWalk["preferred"] {
  const { preferred } = walk;
  return preferred !== undefined && walk.excludedByCustomer.includes(preferred.agent.id)
    ? undefined
    : preferred;
}

function reasonFor(walk: IndexWalk, agent: Agent): AgentReason {
  if (walk.step === "next") return "next-candidate";
  const preferred = preferredOf(walk);
  if (preferred === undefined) return "new-caller";
  if (agent === preferred.agent) return "returning-caller";
  return walk.others?.some((other) => other.agent === agent) === true
    ? "ranked-agent"
    : "preferred-agent-busy";
}

function walkOffer(
  walk: IndexWalk,
  agent: Agent,
  presence: PresenceState,
  cursor: RoutingCursor,
): WalkOffer {
  return { agent, reason: reasonFor(walk, agent), presence, cursor };
}

function offerStep(
  walk: IndexWalk,
  agent: Agent,
  presence: PresenceState,
  cursor: RoutingCursor,
): IndexWalkStep {
  return { kind: "offer", offer: walkOffer(walk, agent, presence, cursor) };
}
