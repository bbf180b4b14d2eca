import {
  type CandidateResponse,
  NONE,
  type NoneReason,
  type PresenceState,
  type RecordResponse,
  type RoutingCriteriaResponse,
  type SkipReason,
} from "../contract/attribute-contract.js";
import { type AffinityJudgement, judgeAffinity } from "../domain/affinity-judgement.js";
import type { AffinityRecord } from "../domain/affinity-record.js";
import { assignmentFor } from "../domain/affinity-record.js";
import type { Agent, Channel } from "../domain/agent.js";
import { shardOrder } from "../domain/agent-index-layout.js";
import { type AgentRoster, createAgentRoster } from "../domain/agent-roster.js";
import { callerKey, parseCaller } from "../domain/caller-identity.js";
import { rankedCandidates } from "../domain/candidate-order.js";
import {
  afterReservation,
  afterWindowRead,
  type CandidateWalk,
  startWalk,
  type WalkCursor,
  type WalkOffer,
} from "../domain/candidate-walk.js";
import { DirectoryUnavailableError, InvalidOptionError } from "../domain/errors.js";
import {
  afterIndexReservation,
  afterShardRead,
  type IndexWalk,
  type IndexWalkStep,
  indexReadLimit,
  startIndexWalk,
} from "../domain/index-walk.js";
import { strategySeed } from "../domain/new-caller-strategy.js";
import type { ReservationClaim } from "../domain/presence-choice.js";
import type { RandomSource } from "../domain/random-source.js";
import { agentKeys } from "../domain/rendezvous-rank.js";
import { furtherAgents, preferredAgentCriteria } from "../domain/routing-criteria.js";
import { decodeCursor, encodeCursor } from "../domain/routing-cursor.js";
import { nearestKey, optionObject, withMethods } from "../options/option-checks.js";
import type { AffinityStore } from "../ports/affinity-store.js";
import type { AgentDirectory } from "../ports/agent-directory.js";
import type {
  AgentIndex,
  AgentIndexStatus,
  AvailableAgent,
  IndexedAgent,
} from "../ports/agent-index.js";
import type { AgentPresence, PresenceLookup, ReservationOutcome } from "../ports/agent-presence.js";
import type { Clock } from "../ports/clock.js";
import type { ContactIndex } from "../ports/contact-index.js";
import type { DegradationEvent, RoutingObserver } from "./routing-observer.js";
import {
  type ResolvedStickyRouterOptions,
  resolveStickyRouterOptions,
  type StickyRouterOptions,
} from "./sticky-router-options.js";
import type {
  AnsweredContact,
  AnsweredContactOutcome,
  RoutingContact,
  StickyRouting,
} from "./sticky-routing.js";

/**
 * Who the agents are and who can take a contact, from a directory each container reads whole
 * and a presence source asked about a window of candidates at a time: for small centers, and
 * for presence from the Connect API.
 */
export interface RosterSources {
  readonly directory: AgentDirectory;
  readonly presence: AgentPresence;
  readonly agentIndex?: undefined;
}

/**
 * Both from one agent index (a roster shared by every container, and an index of the agents
 * who can take a contact): for large centers, whose routes then read a bounded number of
 * items whatever the floor size.
 */
export interface IndexSources {
  readonly agentIndex: AgentIndex;
  readonly directory?: undefined;
  readonly presence?: undefined;
}

/** The ports a {@link StickyRouter} works through: the common ones, and its agent sources. */
export type StickyRouterDeps = StickyRouterCommonDeps & (RosterSources | IndexSources);

/** The ports every {@link StickyRouter} works through, whatever its agent sources. */
export interface StickyRouterCommonDeps {
  readonly store: AffinityStore;
  readonly clock: Clock;
  readonly random: RandomSource;
  /**
   * Where `route` and `routingCriteria` remember each known caller's contact and
   * `recordAnsweredContact` finds it again. Without it nothing is remembered, and
   * `recordAnsweredContact` rejects. Both store classes of this library are one; pass the same
   * object as `store`.
   */
  readonly contacts?: ContactIndex;
  /** Told about every degradation (store, directory, presence or contact index unavailable). */
  readonly observer?: RoutingObserver;
}

/** Agent IDs that can be appended to an instance ARN without changing its meaning. */
const plainAgentId = /^[A-Za-z0-9_-]{1,256}$/;

/** Where the walk over a contact's candidates starts. */
interface WalkStart {
  readonly contactId: string;
  readonly channel: Channel;
  /** The roster, or `undefined` when the directory could not be read. */
  readonly roster: AgentRoster | undefined;
  /** The position before this offer (`attempts` 0 for route). */
  readonly cursor: WalkCursor;
  /** The returning caller's agent, offered first (route only). */
  readonly preferred: Agent | undefined;
  readonly step: "route" | "next";
}

/** What saving one answered contact came to. */
type SaveResult = "recorded" | "unknown-agent" | "superseded";

/**
 * The sticky-routing use cases over the ports: a returning caller reaches the agent who served
 * them last, everyone else an agent chosen by a load-spreading strategy, and a busy agent leads
 * to the next candidate through a compact cursor.
 *
 * It never fails a contact for a store, directory, presence or contact index outage: each
 * degrades the answer (and is reported to the observer). Only `next` with an unreadable cursor,
 * and `record` or `recordAnsweredContact` with a failing store, reject.
 *
 * @example
 * ```ts
 * import { cryptoRandom, StickyRouter, systemClock } from "@connect-affinity/core";
 *
 * const router = new StickyRouter(
 *   { store, directory, presence, clock: systemClock, random: cryptoRandom, observer },
 *   { strategy: "longest-idle", maxAttempts: 5, callerKeySecret: process.env.CALLER_KEY_SECRET },
 * );
 * const answer = await router.route({ contactId, channel: "VOICE", customerAddress: "+819012345678" });
 * // { status: "agent", agentId, agentArn, reason: "returning-caller", cursor, presence: "verified" }
 * ```
 */
export class StickyRouter implements StickyRouting {
  readonly #deps: StickyRouterDeps;
  readonly #sources: AgentSources;
  readonly #options: ResolvedStickyRouterOptions;
  /** Agent hash keys per roster list, so a cached roster is hashed once per container. */
  readonly #keys = new WeakMap<readonly Agent[], Float64Array>();

  /**
   * Checks its arguments at run time too, so a plain-JavaScript caller's mistake fails here
   * rather than on the first contact.
   *
   * @throws {InvalidOptionError} naming a dependency that is missing, lacks a method, or is
   *   unknown (a misspelt key such as `contact`), or an option that is unknown or out of range.
   */
  constructor(deps: StickyRouterDeps, options: StickyRouterOptions = {}) {
    this.#deps = checkedDeps(deps);
    this.#sources = sourcesOf(deps);
    this.#options = resolveStickyRouterOptions(options);
  }

  /** The options in force, defaults applied. */
  get options(): ResolvedStickyRouterOptions {
    return this.#options;
  }

  /** {@inheritDoc StickyRouting.route} */
  async route(contact: RoutingContact): Promise<CandidateResponse> {
    const key = this.#callerKeyOf(contact);
    if (this.#sources.kind === "index") {
      return this.#routeOnIndex(contact, key, this.#sources.index);
    }
    const [record, roster] = await Promise.all([
      this.#findRecord(key),
      this.#readRoster(),
      this.#rememberContact(contact, key),
    ]);
    const judgement = judgeAffinity(record, this.#deps.clock.now(), roster);
    const seed = strategySeed(this.#options.strategy, key, this.#deps.random);
    // Fresh with a roster; unconfirmed without one (then it is all the walk can offer).
    const preferred =
      judgement.kind === "fresh" || judgement.kind === "unconfirmed" ? judgement.agent : undefined;
    return this.#walk({
      contactId: contact.contactId,
      channel: contact.channel,
      roster,
      cursor: { seed, attempts: 0, excluded: preferred === undefined ? [] : [preferred.id] },
      preferred,
      step: "route",
    });
  }

  /** {@inheritDoc StickyRouting.next} */
  async next(contact: RoutingContact, cursor: string): Promise<CandidateResponse> {
    const position = decodeCursor(cursor);
    if (position.attempts >= this.#options.maxAttempts) {
      return noCandidate("attempts-exhausted", "unverified");
    }
    if (this.#sources.kind === "index") {
      const { index } = this.#sources;
      return this.#walkIndex(index, {
        step: "next",
        channel: contact.channel,
        cursor: position,
        claim: { contactId: contact.contactId, now: this.#deps.clock.now() },
        strategy: this.#options.strategy,
        idlePoolSize: this.#options.idlePoolSize,
        index: this.#indexLayout(await this.#indexStatus(index), contact.channel),
      });
    }
    return this.#walk({
      contactId: contact.contactId,
      channel: contact.channel,
      roster: await this.#readRoster(),
      cursor: position,
      preferred: undefined,
      step: "next",
    });
  }

  /**
   * {@inheritDoc StickyRouting.record}
   *
   * @throws {RangeError} when `at` is not a finite, non-negative epoch-millisecond time.
   */
  async record(contact: RoutingContact, agentId: string, at?: number): Promise<RecordResponse> {
    if (at !== undefined && (!Number.isFinite(at) || at < 0)) {
      throw new RangeError(`record: "at" must be epoch milliseconds, got ${String(at)}`);
    }
    const key = this.#callerKeyOf(contact);
    if (key === undefined) return this.#skipped("anonymous-caller");
    const result = await this.#save(key, { ...contact, agentId, at });
    if (result !== "recorded") return this.#skipped(result);
    return { status: "recorded", reason: NONE, message: this.#options.messages.recorded };
  }

  /**
   * {@inheritDoc StickyRouting.recordAnsweredContact}
   *
   * One contact index read (two for a transferred contact, whose initial contact is asked
   * next); then, for a known caller, the (cached) directory and one store
   * write, with `record`'s merge rules: an older event never overwrites a newer assignment, and
   * the contact `record` already stored is not counted twice.
   *
   * @throws {InvalidOptionError} when the router has no `contacts` index.
   * @throws {RangeError} when `at` is not a finite, non-negative epoch-millisecond time.
   * @example
   * ```ts
   * import { StickyRouter } from "@connect-affinity/core";
   *
   * const router = new StickyRouter({ store, contacts: store, directory, presence, clock, random });
   * await router.route({ contactId: "c-1", channel: "VOICE", customerAddress: "+819012345678" });
   * // … the contact waits in a queue, agent-7 answers, Connect emits CONNECTED_TO_AGENT …
   * await router.recordAnsweredContact({ contactId: "c-1", agentId: "agent-7", at: Date.parse(connectedAt) });
   * // { status: "recorded" }
   * ```
   */
  async recordAnsweredContact(answer: AnsweredContact): Promise<AnsweredContactOutcome> {
    const { contacts } = this.#deps;
    if (contacts === undefined) {
      throw new InvalidOptionError(
        "contacts",
        "recordAnsweredContact needs a ContactIndex in the router's dependencies",
      );
    }
    if (!Number.isFinite(answer.at) || answer.at < 0) {
      throw new RangeError(
        `recordAnsweredContact: "at" must be epoch milliseconds, got ${String(answer.at)}`,
      );
    }
    const { contactId, initialContactId } = answer;
    const key =
      (await contacts.callerOfContact(contactId)) ??
      (initialContactId === undefined || initialContactId === contactId
        ? undefined
        : await contacts.callerOfContact(initialContactId));
    if (key === undefined) return { status: "skipped", reason: "unknown-contact" };
    const result = await this.#save(key, answer);
    return result === "recorded" ? { status: "recorded" } : { status: "skipped", reason: result };
  }

  /** {@inheritDoc StickyRouting.routingCriteria} */
  async routingCriteria(contact: RoutingContact): Promise<RoutingCriteriaResponse> {
    const key = this.#callerKeyOf(contact);
    if (this.#sources.kind === "index") {
      return this.#routingCriteriaOnIndex(contact, key, this.#sources.index);
    }
    const [record, roster] = await Promise.all([
      this.#findRecord(key),
      this.#readRoster(),
      this.#rememberContact(contact, key),
    ]);
    const judgement = judgeAffinity(record, this.#deps.clock.now(), roster);
    if (judgement.kind !== "fresh" && judgement.kind !== "unconfirmed") {
      return {
        status: "none",
        agentId: NONE,
        reason: "no-preferred-agent",
        routingCriteria: NONE,
      };
    }
    const preferred = judgement.agent;
    const further =
      roster === undefined
        ? []
        : await this.#furtherAvailableAgents(contact, key, roster, preferred);
    return this.#preferredCriteria(preferred, further);
  }

  /** `route` on the agent index: the record and the index's status, then the preferred agent. */
  async #routeOnIndex(
    contact: RoutingContact,
    key: string | undefined,
    index: AgentIndex,
  ): Promise<CandidateResponse> {
    const [record, status] = await Promise.all([
      this.#findRecord(key),
      this.#indexStatus(index),
      this.#rememberContact(contact, key),
    ]);
    const { judgement, entry } = await this.#judgeOnIndex(record, index);
    const seed = strategySeed(this.#options.strategy, key, this.#deps.random);
    const preferred =
      judgement.kind === "fresh" || judgement.kind === "unconfirmed" ? judgement.agent : undefined;
    return this.#walkIndex(index, {
      step: "route",
      channel: contact.channel,
      cursor: { seed, attempts: 0, excluded: preferred === undefined ? [] : [preferred.id] },
      ...(preferred === undefined
        ? {}
        : {
            preferred: {
              agent: preferred,
              availability: entry?.kind === "listed" ? entry.availability : undefined,
            },
          }),
      claim: { contactId: contact.contactId, now: this.#deps.clock.now() },
      strategy: this.#options.strategy,
      idlePoolSize: this.#options.idlePoolSize,
      index: this.#indexLayout(status, contact.channel),
    });
  }

  /** `routingCriteria` on the agent index: further agents from the contact's first shard. */
  async #routingCriteriaOnIndex(
    contact: RoutingContact,
    key: string | undefined,
    index: AgentIndex,
  ): Promise<RoutingCriteriaResponse> {
    const [record, status] = await Promise.all([
      this.#findRecord(key),
      this.#indexStatus(index),
      this.#rememberContact(contact, key),
    ]);
    const { judgement } = await this.#judgeOnIndex(record, index);
    if (judgement.kind !== "fresh" && judgement.kind !== "unconfirmed") {
      return { status: "none", agentId: NONE, reason: "no-preferred-agent", routingCriteria: NONE };
    }
    const preferred = judgement.agent;
    const layout = this.#indexLayout(status, contact.channel);
    let further: readonly Agent[] = [];
    if (layout !== undefined) {
      const seed = strategySeed(this.#options.strategy, key, this.#deps.random);
      const [shard] = shardOrder(seed, layout.shards);
      const lookup = await this.#availableOnIndex(index, contact.channel, shard ?? 0);
      if (lookup !== undefined) {
        const others = lookup.filter((entry) => entry.agent.id !== preferred.id);
        further = furtherAgents(
          others.map((entry) => entry.agent),
          new Map(others.map((entry) => [entry.agent.id, entry.availability])),
          contact.channel,
          { contactId: contact.contactId, now: this.#deps.clock.now() },
          this.#options.strategy,
        );
      }
    }
    return this.#preferredCriteria(preferred, further);
  }

  #preferredCriteria(preferred: Agent, further: readonly Agent[]): RoutingCriteriaResponse {
    return {
      status: "preferred",
      agentId: preferred.id,
      reason: "returning-caller",
      routingCriteria: preferredAgentCriteria(
        preferred.id,
        further.map((agent) => agent.id),
        this.#options.preferredAgentExpirySeconds,
      ),
    };
  }

  /**
   * Judges a caller's record on the index: one single-item read of the record's agent, only
   * when the record is unexpired. Listed: fresh (with their presence); unlisted: gone; the
   * entry unreadable: unconfirmed (offered unverified).
   */
  async #judgeOnIndex(
    record: AffinityRecord | undefined,
    index: AgentIndex,
  ): Promise<{ readonly judgement: AffinityJudgement; readonly entry?: IndexedAgent }> {
    const now = this.#deps.clock.now();
    const unjudged = judgeAffinity(record, now, createAgentRoster([]));
    if (record === undefined || unjudged.kind === "none" || unjudged.kind === "expired") {
      return { judgement: unjudged };
    }
    const entry = await this.#indexedAgent(index, record.agentId);
    const roster =
      entry.kind === "listed"
        ? createAgentRoster([entry.agent])
        : entry.kind === "unlisted"
          ? createAgentRoster([])
          : undefined;
    return { judgement: judgeAffinity(record, now, roster), entry };
  }

  /**
   * Runs the index walk (`startIndexWalk` and the steps after it, pure decisions in the domain)
   * and does the I/O each step asks for: a shard read, a reservation. The walk bounds itself
   * (four shard reads, three reservations a shard).
   */
  async #walkIndex(index: AgentIndex, walk: IndexWalk): Promise<CandidateResponse> {
    let step: IndexWalkStep = startIndexWalk(walk);
    for (;;) {
      switch (step.kind) {
        case "read-shard": {
          const agents = await this.#availableOnIndex(index, walk.channel, step.shard, step.limit);
          step = afterShardRead(walk, step, agents);
          break;
        }
        case "reserve-then-offer": {
          const outcome = await this.#reserveOnIndex(index, step.offer.agent, walk);
          step = afterIndexReservation(walk, step, outcome === "taken");
          break;
        }
        case "offer":
          return agentOffered(step.offer);
        case "none":
          return noCandidate(step.reason, step.presence);
      }
    }
  }

  async #indexStatus(index: AgentIndex): Promise<AgentIndexStatus> {
    try {
      return await index.status();
    } catch (error) {
      // The port promises never to reject; one that does counts as unreadable.
      this.#degraded({ component: "presence", reason: "agent index status rejected", error });
      return { kind: "unknown", reason: "failed" };
    }
  }

  /**
   * What the walk needs of the index's status for `channel`: its shards and whether presence is
   * current, or `undefined` (reported) when the index cannot be read or has no such channel.
   */
  #indexLayout(
    status: AgentIndexStatus,
    channel: Channel,
  ): { readonly shards: number; readonly current: boolean } | undefined {
    if (status.kind === "unknown") {
      const detail = status.detail === undefined ? "" : `: ${status.detail}`;
      this.#degraded({ component: "presence", reason: `agent index ${status.reason}${detail}` });
      return undefined;
    }
    if (!status.channels.includes(channel)) {
      this.#degraded({ component: "presence", reason: `the agent index has no ${channel} index` });
      return undefined;
    }
    if (!status.current) {
      this.#degraded({
        component: "presence",
        reason: "presence stale: the agent event stream is behind",
      });
    }
    return { shards: status.shards, current: status.current };
  }

  async #indexedAgent(index: AgentIndex, agentId: string): Promise<IndexedAgent> {
    let entry: IndexedAgent;
    try {
      entry = await index.agent(agentId);
    } catch (error) {
      this.#degraded({ component: "directory", reason: "agent index entry rejected", error });
      return { kind: "unknown", reason: "failed" };
    }
    if (entry.kind === "unknown") {
      const detail = entry.detail === undefined ? "" : `: ${entry.detail}`;
      this.#degraded({ component: "directory", reason: `agent entry ${entry.reason}${detail}` });
    }
    return entry;
  }

  /** One shard's agents, or `undefined` (reported) when the index could not be read. */
  async #availableOnIndex(
    index: AgentIndex,
    channel: Channel,
    shard: number,
    limit: number = indexReadLimit,
  ): Promise<AvailableAgent[] | undefined> {
    try {
      const lookup = await index.available(channel, shard, limit);
      if (lookup.kind === "known") return [...lookup.agents];
      const detail = lookup.detail === undefined ? "" : `: ${lookup.detail}`;
      this.#degraded({ component: "presence", reason: `agent index ${lookup.reason}${detail}` });
    } catch (error) {
      this.#degraded({ component: "presence", reason: "agent index read rejected", error });
    }
    return undefined;
  }

  /** Reserves on the index; a failure is reported and counts as `unsupported` (offered unreserved). */
  async #reserveOnIndex(
    index: AgentIndex,
    agent: Agent,
    walk: IndexWalk,
  ): Promise<ReservationOutcome> {
    const seconds = this.#options.reservationSeconds;
    if (seconds === 0) return "unsupported";
    try {
      return await index.reserve(
        agent.id,
        walk.claim.contactId,
        walk.claim.now + seconds * 1000,
        walk.channel,
      );
    } catch (error) {
      this.#degraded({ component: "presence", reason: "agent reservation failed", error });
      return "unsupported";
    }
  }

  /**
   * Runs the candidate walk (`startWalk` and the steps after it, pure decisions in the domain)
   * and does the I/O each step asks for: a presence lookup per window, a reservation per
   * chosen agent. The walk bounds itself (two windows, three reservations a window).
   */
  async #walk(start: WalkStart): Promise<CandidateResponse> {
    const { roster } = start;
    const walk: CandidateWalk = {
      step: start.step,
      channel: start.channel,
      agents: roster?.agents,
      ...(roster === undefined ? {} : { keys: this.#keysOf(roster.agents) }),
      cursor: start.cursor,
      preferred: start.preferred,
      claim: { contactId: start.contactId, now: this.#deps.clock.now() },
      strategy: this.#options.strategy,
      idlePoolSize: this.#options.idlePoolSize,
      presenceWindow: this.#options.presenceWindow,
    };
    let step = startWalk(walk);
    for (;;) {
      switch (step.kind) {
        case "read-window": {
          const lookup = await this.#lookupPresence(step.agentIds);
          step = afterWindowRead(walk, step, lookup.kind === "known" ? lookup.agents : undefined);
          break;
        }
        case "reserve-then-offer": {
          const outcome = await this.#reserve(step.offer.agent, walk.claim);
          step = afterReservation(walk, step, outcome === "taken");
          break;
        }
        case "offer":
          return agentOffered(step.offer);
        case "none":
          return noCandidate(step.reason, step.presence);
      }
    }
  }

  /** Up to `maxFurtherAgentsPerStep` agents after the preferred one who can take a contact now. */
  async #furtherAvailableAgents(
    contact: RoutingContact,
    key: string | undefined,
    roster: AgentRoster,
    preferred: Agent,
  ): Promise<readonly Agent[]> {
    const seed = strategySeed(this.#options.strategy, key, this.#deps.random);
    const window = rankedCandidates(roster.agents, {
      seed,
      exclude: [preferred.id],
      limit: this.#options.presenceWindow,
      keys: this.#keysOf(roster.agents),
    }).agents;
    if (window.length === 0) return [];
    const presence = await this.#lookupPresence(window.map((agent) => agent.id));
    if (presence.kind === "unknown") return [];
    const claim: ReservationClaim = { contactId: contact.contactId, now: this.#deps.clock.now() };
    return furtherAgents(window, presence.agents, contact.channel, claim, this.#options.strategy);
  }

  /**
   * The one save path of `record` and `recordAnsweredContact`: the agent resolved through the
   * directory (or, while it is down, derived from the instance ARN), then one store merge.
   * `at` defaults to now, read after the directory answered.
   */
  async #save(
    key: string,
    answer: {
      readonly contactId: string;
      readonly agentId: string;
      readonly at: number | undefined;
      readonly instanceArn?: string | undefined;
    },
  ): Promise<SaveResult> {
    const agent = await this.#resolveAgent(answer.instanceArn, answer.agentId.trim());
    if (agent === undefined) return "unknown-agent";
    const outcome = await this.#deps.store.save(
      assignmentFor({
        callerKey: key,
        agent,
        contactId: answer.contactId,
        at: answer.at ?? this.#deps.clock.now(),
        lifetimeSeconds: this.#options.affinityLifetimeSeconds,
      }),
    );
    return outcome.kind === "superseded" ? "superseded" : "recorded";
  }

  #callerKeyOf(contact: RoutingContact): string | undefined {
    const identity = parseCaller(
      contact.customerAddress,
      this.#options.defaultCallingCode === undefined
        ? {}
        : { defaultCallingCode: this.#options.defaultCallingCode },
    );
    if (identity.kind === "anonymous") return undefined;
    return callerKey(identity.e164, this.#options.callerKeySecret);
  }

  async #findRecord(key: string | undefined): Promise<AffinityRecord | undefined> {
    if (key === undefined) return undefined;
    try {
      return await this.#deps.store.find(key);
    } catch (error) {
      this.#degraded({ component: "store", reason: "affinity record unreadable", error });
      return undefined;
    }
  }

  /**
   * Remembers a known caller's contact for `recordAnsweredContact`. Best effort: a failure is
   * reported and the contact is routed all the same (its answer is then recorded by `record`
   * only).
   */
  async #rememberContact(contact: RoutingContact, key: string | undefined): Promise<void> {
    const { contacts } = this.#deps;
    if (contacts === undefined || key === undefined) return;
    const expiresAt =
      Math.floor(this.#deps.clock.now() / 1000) + this.#options.contactIndexLifetimeSeconds;
    try {
      await contacts.rememberContact(contact.contactId, key, expiresAt);
    } catch (error) {
      this.#degraded({ component: "contact-index", reason: "contact index unwritable", error });
    }
  }

  async #readRoster(): Promise<AgentRoster | undefined> {
    if (this.#sources.kind !== "roster") return undefined;
    try {
      return await this.#sources.directory.roster();
    } catch (error) {
      const reason =
        error instanceof DirectoryUnavailableError
          ? `directory unavailable (${error.reason})`
          : "directory unreadable";
      this.#degraded({ component: "directory", reason, error });
      return undefined;
    }
  }

  async #lookupPresence(agentIds: readonly string[]): Promise<PresenceLookup> {
    if (this.#sources.kind !== "roster") return { kind: "unknown", reason: "disabled" };
    let lookup: PresenceLookup;
    try {
      lookup = await this.#sources.presence.lookup(agentIds);
    } catch (error) {
      // The port promises never to reject; one that does is treated as a failed lookup.
      this.#degraded({ component: "presence", reason: "presence lookup rejected", error });
      return { kind: "unknown", reason: "failed" };
    }
    if (lookup.kind === "unknown" && lookup.reason !== "disabled") {
      const detail = lookup.detail === undefined ? "" : `: ${lookup.detail}`;
      this.#degraded({ component: "presence", reason: `presence ${lookup.reason}${detail}` });
    }
    return lookup;
  }

  /**
   * Reserves `agent` for the contact when the source supports it. A failing reservation is
   * reported and counts as `unsupported`: the offer stands, as it would without reservations.
   */
  async #reserve(agent: Agent, claim: ReservationClaim): Promise<ReservationOutcome> {
    if (this.#sources.kind !== "roster") return "unsupported";
    const { presence } = this.#sources;
    const seconds = this.#options.reservationSeconds;
    if (presence.reserve === undefined || seconds === 0) return "unsupported";
    try {
      return await presence.reserve(agent.id, claim.contactId, claim.now + seconds * 1000);
    } catch (error) {
      this.#degraded({ component: "presence", reason: "agent reservation failed", error });
      return "unsupported";
    }
  }

  async #resolveAgent(
    instanceArn: string | undefined,
    agentId: string,
  ): Promise<Agent | undefined> {
    if (agentId === "" || agentId === NONE) return undefined;
    if (this.#sources.kind === "index") {
      const entry = await this.#indexedAgent(this.#sources.index, agentId);
      if (entry.kind === "listed") return entry.agent;
      if (entry.kind === "unlisted") return undefined;
    } else {
      const roster = await this.#readRoster();
      if (roster !== undefined) return roster.get(agentId);
    }
    // The directory is down: remember the agent anyway when their ARN can be derived.
    if (instanceArn === undefined || !plainAgentId.test(agentId)) return undefined;
    return { id: agentId, arn: `${instanceArn}/agent/${agentId}` };
  }

  #keysOf(agents: readonly Agent[]): Float64Array {
    let keys = this.#keys.get(agents);
    if (keys === undefined) {
      keys = agentKeys(agents);
      this.#keys.set(agents, keys);
    }
    return keys;
  }

  #skipped(reason: SkipReason): RecordResponse {
    return { status: "skipped", reason, message: this.#options.messages.skipped };
  }

  #degraded(event: DegradationEvent): void {
    try {
      this.#deps.observer?.degraded(event);
    } catch {
      // An observer that throws must not fail the contact.
    }
  }
}

/** Every dependency name, so an unknown (misspelt) key is rejected at run time too. */
const dependencyNames: Readonly<
  Record<keyof StickyRouterCommonDeps | keyof RosterSources | keyof IndexSources, true>
> = {
  store: true,
  directory: true,
  presence: true,
  agentIndex: true,
  clock: true,
  random: true,
  contacts: true,
  observer: true,
};

/**
 * The dependencies, once each is known to have the methods the router calls. Other keys are
 * allowed (TypeScript lets a wider object be passed, such as a test fixture spread in), except
 * one that looks like a misspelt dependency the object lacks: `{ contact: store }` would
 * otherwise silently mean "no contact index".
 */
function checkedDeps(deps: StickyRouterDeps): StickyRouterDeps {
  const given = optionObject("deps", deps);
  const names = Object.keys(dependencyNames);
  for (const key of Object.keys(given)) {
    const near = names.includes(key) ? undefined : nearestKey(key, names);
    if (near !== undefined && given[near] === undefined) {
      throw new InvalidOptionError(key, `unknown dependency; did you mean ${near}?`);
    }
  }
  withMethods("store", deps.store, ["find", "save"]);
  if (deps.agentIndex !== undefined) {
    if (deps.directory !== undefined || deps.presence !== undefined) {
      throw new InvalidOptionError(
        "agentIndex",
        "give either agentIndex or directory and presence, not both",
      );
    }
    withMethods("agentIndex", deps.agentIndex, ["status", "agent", "available", "reserve"]);
  } else {
    withMethods("directory", deps.directory, ["roster"]);
    withMethods("presence", deps.presence, ["lookup"]);
    if (deps.presence.reserve !== undefined) withMethods("presence", deps.presence, ["reserve"]);
  }
  withMethods("clock", deps.clock, ["now"]);
  withMethods("random", deps.random, ["nextUint32"]);
  if (deps.contacts !== undefined) {
    withMethods("contacts", deps.contacts, ["rememberContact", "callerOfContact"]);
  }
  if (deps.observer !== undefined) withMethods("observer", deps.observer, ["degraded"]);
  return deps;
}

/** Where a router's agents come from. */
type AgentSources =
  | {
      readonly kind: "roster";
      readonly directory: AgentDirectory;
      readonly presence: AgentPresence;
    }
  | { readonly kind: "index"; readonly index: AgentIndex };

function sourcesOf(deps: StickyRouterDeps): AgentSources {
  return deps.agentIndex === undefined
    ? { kind: "roster", directory: deps.directory, presence: deps.presence }
    : { kind: "index", index: deps.agentIndex };
}

function agentOffered(offer: WalkOffer): CandidateResponse {
  return {
    status: "agent",
    agentId: offer.agent.id,
    agentArn: offer.agent.arn,
    reason: offer.reason,
    cursor: encodeCursor(offer.cursor),
    presence: offer.presence,
  };
}

function noCandidate(reason: NoneReason, presence: PresenceState): CandidateResponse {
  return { status: "none", agentId: NONE, agentArn: NONE, reason, cursor: NONE, presence };
}
