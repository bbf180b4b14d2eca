import {
  type CandidateResponse,
  NONE,
  type NoneReason,
  type PresenceState,
  type RecordResponse,
  type RoutingCriteriaResponse,
  type SkipReason,
} from "../contract/attribute-contract.js";
import {
  type AffinityJudgement,
  type CustomerRecords,
  judgeCustomer,
} from "../domain/affinity-judgement.js";
import type { AffinityRecord } from "../domain/affinity-record.js";
import {
  assignmentFor,
  hasHistory,
  maxExcludedAgents,
  mergedRecords,
} from "../domain/affinity-record.js";
import { scopedKey, scopeLifetimeSeconds, scopeValueOf } from "../domain/affinity-scope.js";
import type { Agent, Channel } from "../domain/agent.js";
import type { AgentAvailability } from "../domain/agent-availability.js";
import { shardOrder } from "../domain/agent-index-layout.js";
import { rankServedAgents } from "../domain/agent-ranking.js";
import { type AgentRoster, createAgentRoster } from "../domain/agent-roster.js";
import { rankedCandidates } from "../domain/candidate-order.js";
import {
  afterReservation,
  afterWindowRead,
  type CandidateWalk,
  startWalk,
  type WalkCursor,
  type WalkOffer,
} from "../domain/candidate-walk.js";
import { isAgentId } from "../domain/connect-identifiers.js";
import { type ContactOffer, contactOfferFor } from "../domain/contact-offer.js";
import { creditFor } from "../domain/credit-rules.js";
import { customerIdentities, identityKey } from "../domain/customer-identity.js";
import { DirectoryUnavailableError, InvalidOptionError } from "../domain/errors.js";
import { beyondClockSkew } from "../domain/event-time.js";
import {
  afterIndexReservation,
  afterShardRead,
  type IndexedPreference,
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
import { type CursorSigning, decodeCursor, encodeCursor } from "../domain/routing-cursor.js";
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
import type { CallOptions } from "../ports/call-options.js";
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
import { withinBudget } from "./within-budget.js";

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

/** The store keys of one contact's customer. */
interface CustomerKeys {
  /** One key per identity the contact yields, in source order: where pins and exclusions live. */
  readonly identity: readonly string[];
  /** The keys of the customer's agent history in the contact's scope (`identity` when global). */
  readonly history: readonly string[];
  /** How long affinity lasts in the contact's scope, in seconds. */
  readonly lifetimeSeconds: number;
  /**
   * During a key rotation (`previousCallerKey`), each identity and history key's counterpart
   * under the previous secret: where the customer's records stay until they are rekeyed.
   */
  readonly previous?: ReadonlyMap<string, string>;
}

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
  /** The returning caller's further ranked agents, tried next (route only). */
  readonly others?: readonly Agent[];
  /** Agents the customer must never be offered. */
  readonly excludedByCustomer: readonly string[];
  readonly step: "route" | "next";
  /** The invocation's time budget. */
  readonly signal: AbortSignal | undefined;
}

/**
 * What a decision read of the agents besides the customer's records: the roster (`undefined`
 * when the directory could not be read), or the agent index's layout for the contact's channel
 * (`undefined` when it cannot be read) and the preferred agent's presence there.
 */
type AgentSight =
  | { readonly kind: "roster"; readonly roster: AgentRoster | undefined }
  | {
      readonly kind: "index";
      readonly index: AgentIndex;
      readonly layout: IndexLayout | undefined;
      readonly entries: ReadonlyMap<string, IndexedAgent>;
    };

/** What a walk over the index needs of its status for one channel. */
interface IndexLayout {
  readonly shards: number;
  readonly current: boolean;
}

/** A customer's records judged against the agents, at the time of the decision. */
interface Judged {
  readonly records: CustomerRecords;
  readonly judgement: AffinityJudgement;
  readonly decidedAt: number;
  readonly sight: AgentSight;
}

/** What saving one answered contact came to. */
type SaveResult = "recorded" | "unknown-agent" | "superseded" | "agent-opted-out";

const noRecords: CustomerRecords = { history: [], preferences: [] };

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
  async route(contact: RoutingContact, options: CallOptions = {}): Promise<CandidateResponse> {
    const { signal } = options;
    const keys = this.#customerKeysOf(contact);
    const { records, judgement, decidedAt, sight } = await this.#judged(
      keys,
      contact.channel,
      signal,
    );
    const seed = strategySeed(this.#options.strategy, keys?.identity[0], this.#deps.random);
    const preferred = preferredOf(judgement);
    const others = judgement.kind === "fresh" ? judgement.others : [];
    // A customer who was promised nobody is remembered while the walk runs; a returning one
    // once the walk has said what became of their agent, so the answer can be judged by it.
    const returning = contactOfferFor(records, judgement, "new-caller", decidedAt) !== undefined;
    const remembered = returning
      ? undefined
      : this.#rememberContact(contact, keys, undefined, signal);
    const cursor = {
      seed,
      attempts: 0,
      excluded: preferred === undefined ? [] : [preferred.id, ...others.map((agent) => agent.id)],
    };
    const excludedByCustomer = this.#enforcedExclusions(judgement);
    const answer =
      sight.kind === "index"
        ? await this.#walkIndex(
            sight.index,
            {
              step: "route",
              channel: contact.channel,
              cursor,
              ...(preferred === undefined
                ? {}
                : {
                    preferred: { agent: preferred, availability: availabilityOf(sight, preferred) },
                    others: others.map((agent) => ({
                      agent,
                      availability: availabilityOf(sight, agent),
                    })),
                  }),
              waitForPreferred: this.#options.preferredWaitSeconds > 0,
              claim: { contactId: contact.contactId, now: this.#deps.clock.now() },
              strategy: this.#options.strategy,
              idlePoolSize: this.#options.idlePoolSize,
              index: sight.layout,
              excludedByCustomer,
            },
            signal,
          )
        : await this.#walk({
            contactId: contact.contactId,
            channel: contact.channel,
            roster: sight.roster,
            cursor,
            preferred,
            others,
            excludedByCustomer,
            step: "route",
            signal,
          });
    await (remembered ??
      this.#rememberContact(
        contact,
        keys,
        contactOfferFor(records, judgement, answer.reason, decidedAt),
        signal,
      ));
    return answer;
  }

  /** {@inheritDoc StickyRouting.next} */
  async next(
    contact: RoutingContact,
    cursor: string,
    options: CallOptions = {},
  ): Promise<CandidateResponse> {
    const position = decodeCursor(cursor, this.#signingFor(contact.contactId));
    if (position.attempts >= this.#options.maxAttempts) {
      return noCandidate("attempts-exhausted", "unverified");
    }
    if (this.#sources.kind === "index") {
      const { index } = this.#sources;
      const status = await this.#indexStatus(index, options.signal);
      return this.#walkIndex(
        index,
        {
          step: "next",
          channel: contact.channel,
          cursor: position,
          claim: { contactId: contact.contactId, now: this.#deps.clock.now() },
          strategy: this.#options.strategy,
          idlePoolSize: this.#options.idlePoolSize,
          index: this.#indexLayout(status, contact.channel),
          excludedByCustomer: position.customerExcluded ?? [],
        },
        options.signal,
      );
    }
    return this.#walk({
      contactId: contact.contactId,
      channel: contact.channel,
      roster: await this.#readRoster(options.signal),
      cursor: position,
      preferred: undefined,
      excludedByCustomer: position.customerExcluded ?? [],
      step: "next",
      signal: options.signal,
    });
  }

  /**
   * {@inheritDoc StickyRouting.record}
   *
   * @throws {RangeError} when `at` is not a finite, non-negative epoch-millisecond time, or lies
   *   more than `clockSkewAllowanceMs` ahead of the clock (an assignment from the future would
   *   outrank every real one).
   */
  async record(
    contact: RoutingContact,
    agentId: string,
    at?: number,
    options: CallOptions = {},
  ): Promise<RecordResponse> {
    if (at !== undefined) this.#checkEventTime("record", "at", at);
    const keys = await this.#recordKeysOf(contact, options.signal);
    if (keys === undefined) return this.#skipped("anonymous-caller");
    // With a minimum talk time the flow cannot know yet whether the agent earns affinity: the
    // contact event that reports the end of the contact decides.
    if (this.#options.minimumTalkSeconds > 0) return this.#skipped("credit-deferred");
    const result = await this.#save(keys.history, { ...contact, agentId, at }, options.signal);
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
   * @throws {RangeError} when `at` is not a finite, non-negative epoch-millisecond time, or lies
   *   more than `clockSkewAllowanceMs` ahead of the clock.
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
  async recordAnsweredContact(
    answer: AnsweredContact,
    options: CallOptions = {},
  ): Promise<AnsweredContactOutcome> {
    const { signal } = options;
    const { contacts } = this.#deps;
    if (contacts === undefined) {
      throw new InvalidOptionError(
        "contacts",
        "recordAnsweredContact needs a ContactIndex in the router's dependencies",
      );
    }
    this.#checkEventTime("recordAnsweredContact", "at", answer.at);
    if (answer.disconnectedAt !== undefined) {
      // The end of a contact dated in the future would grant (or deny) credit for talk time
      // nobody has had yet.
      this.#checkEventTime("recordAnsweredContact", "disconnectedAt", answer.disconnectedAt);
    }
    const { contactId, initialContactId } = answer;
    if (answer.outbound === true && !this.#options.creditOutbound) {
      return { status: "skipped", reason: "outbound-not-credited" };
    }
    const remembered =
      (await this.#rememberedEntry(contacts, contactId, signal)) ??
      (initialContactId === undefined || initialContactId === contactId
        ? undefined
        : await this.#rememberedEntry(contacts, initialContactId, signal));
    // The offer travels with every answer, credited or not: a short call the promised agent
    // answered still kept the promise.
    const offer = remembered?.offer === undefined ? {} : { offer: remembered.offer };
    const credit = creditFor(
      {
        connectedAt: answer.at,
        disconnectedAt: answer.disconnectedAt,
        transferred:
          answer.transferred ?? (initialContactId !== undefined && initialContactId !== contactId),
      },
      this.#options,
    );
    if (credit.kind === "no-credit") return { status: "skipped", reason: credit.reason, ...offer };
    const keys =
      remembered?.keys ??
      (answer.customer === undefined
        ? undefined
        : this.#customerKeysOf({ ...answer.customer, contactId })?.history);
    if (keys === undefined) return { status: "skipped", reason: "unknown-contact" };
    const result = await this.#save(keys, answer, signal);
    return result === "recorded"
      ? { status: "recorded", ...offer }
      : { status: "skipped", reason: result, ...offer };
  }

  /** {@inheritDoc StickyRouting.routingCriteria} */
  async routingCriteria(
    contact: RoutingContact,
    options: CallOptions = {},
  ): Promise<RoutingCriteriaResponse> {
    const { signal } = options;
    const keys = this.#customerKeysOf(contact);
    const { records, judgement, decidedAt, sight } = await this.#judged(
      keys,
      contact.channel,
      signal,
    );
    const preferred = preferredOf(judgement);
    if (preferred === undefined) {
      await this.#rememberContact(
        contact,
        keys,
        contactOfferFor(records, judgement, "no-preferred-agent", decidedAt),
        signal,
      );
      return {
        status: "none",
        agentId: NONE,
        reason: "no-preferred-agent",
        routingCriteria: NONE,
      };
    }
    const excluded = this.#enforcedExclusions(judgement);
    const ranked = [preferred, ...(judgement.kind === "fresh" ? judgement.others : [])];
    const [further] = await Promise.all([
      this.#furtherAvailableAgents(contact, keys, sight, ranked, excluded, signal),
      this.#rememberContact(
        contact,
        keys,
        contactOfferFor(records, judgement, "returning-caller", decidedAt),
        signal,
      ),
    ]);
    return {
      status: "preferred",
      agentId: preferred.id,
      reason: "returning-caller",
      routingCriteria: preferredAgentCriteria(
        ranked.map((agent) => agent.id),
        further.map((agent) => agent.id),
        this.#options.preferredAgentExpirySeconds,
        this.#options.preferredWaitSeconds > 0
          ? this.#options.preferredWaitSeconds
          : this.#options.preferredAgentExpirySeconds,
      ),
    };
  }

  /**
   * Reads the customer's records and the agents (the roster, or the agent index's status and
   * the entries of the agents the records name), then judges the records at the time of the
   * decision.
   */
  async #judged(
    keys: CustomerKeys | undefined,
    channel: Channel,
    signal: AbortSignal | undefined,
  ): Promise<Judged> {
    const sources = this.#sources;
    if (sources.kind === "roster") {
      const [records, roster] = await Promise.all([
        this.#findRecords(keys, signal),
        this.#readRoster(signal),
      ]);
      const decidedAt = this.#deps.clock.now();
      const judgement = judgeCustomer(records, decidedAt, roster);
      return { records, judgement, decidedAt, sight: { kind: "roster", roster } };
    }
    const { index } = sources;
    const [records, status] = await Promise.all([
      this.#findRecords(keys, signal),
      this.#indexStatus(index, signal),
    ]);
    const { judgement, entries, decidedAt } = await this.#judgeOnIndex(records, index, signal);
    return {
      records,
      judgement,
      decidedAt,
      sight: { kind: "index", index, layout: this.#indexLayout(status, channel), entries },
    };
  }

  /**
   * Judges a customer's records on the index: one single-item read per agent the records could
   * prefer (an active pin's and the ranked unexpired history's, at most six, read at once),
   * none when they prefer nobody. Listed: in the roster; unlisted: gone; an entry unreadable: judged as with
   * the directory down (offered unverified, unless the record says `agentUnverified`).
   */
  async #judgeOnIndex(
    records: CustomerRecords,
    index: AgentIndex,
    signal: AbortSignal | undefined,
  ): Promise<{
    readonly judgement: AffinityJudgement;
    readonly entries: ReadonlyMap<string, IndexedAgent>;
    readonly decidedAt: number;
  }> {
    const now = this.#deps.clock.now();
    const wanted = agentsToJudge(records, now);
    const read = await Promise.all(
      wanted.map(
        async (agentId) => [agentId, await this.#indexedAgent(index, agentId, signal)] as const,
      ),
    );
    const entries = new Map(read);
    const roster = read.some(([, entry]) => entry.kind === "unknown")
      ? undefined
      : createAgentRoster(
          read.flatMap(([, entry]) => (entry.kind === "listed" ? [entry.agent] : [])),
        );
    const decidedAt = this.#deps.clock.now();
    return { judgement: judgeCustomer(records, decidedAt, roster), entries, decidedAt };
  }

  /**
   * Runs the index walk (`startIndexWalk` and the steps after it, pure decisions in the domain)
   * and does the I/O each step asks for: a shard read, a reservation. The walk bounds itself
   * (four shard reads, three reservations a shard).
   */
  async #walkIndex(
    index: AgentIndex,
    walk: IndexWalk,
    signal: AbortSignal | undefined,
  ): Promise<CandidateResponse> {
    let step: IndexWalkStep = startIndexWalk(walk);
    for (;;) {
      switch (step.kind) {
        case "read-shard": {
          const agents = await this.#availableOnIndex(
            index,
            walk.channel,
            step.shard,
            step.limit,
            signal,
          );
          step = afterShardRead(walk, step, agents);
          break;
        }
        case "reserve-then-offer": {
          const seen = step.progress.window?.open.get(step.offer.agent.id);
          const outcome = await this.#reserveOnIndex(
            index,
            step.offer.agent,
            walk,
            signal,
            seen?.idleSince ?? preferenceOf(walk, step.offer.agent)?.availability?.idleSince,
          );
          step = afterIndexReservation(walk, step, outcome === "taken");
          break;
        }
        case "offer":
          return agentOffered(step.offer, this.#signingFor(walk.claim.contactId));
        case "none":
          return noCandidate(step.reason, step.presence);
      }
    }
  }

  async #indexStatus(
    index: AgentIndex,
    signal: AbortSignal | undefined,
  ): Promise<AgentIndexStatus> {
    try {
      return await withinBudget(signal, (call) => index.status(call));
    } catch (error) {
      // The port promises never to reject; one that does (or that the budget cut off) counts
      // as unreadable.
      this.#degraded({
        component: "presence",
        reason: spent(signal, "agent index status rejected"),
        error,
      });
      return { kind: "unknown", reason: "failed" };
    }
  }

  /**
   * What the walk needs of the index's status for `channel`: its shards and whether presence is
   * current, or `undefined` (reported) when the index cannot be read or has no such channel.
   */
  #indexLayout(status: AgentIndexStatus, channel: Channel): IndexLayout | undefined {
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

  async #indexedAgent(
    index: AgentIndex,
    agentId: string,
    signal: AbortSignal | undefined,
  ): Promise<IndexedAgent> {
    let entry: IndexedAgent;
    try {
      entry = await withinBudget(signal, (call) => index.agent(agentId, call));
    } catch (error) {
      this.#degraded({
        component: "directory",
        reason: spent(signal, "agent index entry rejected"),
        error,
      });
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
    limit: number,
    signal: AbortSignal | undefined,
  ): Promise<AvailableAgent[] | undefined> {
    try {
      const lookup = await withinBudget(signal, (call) =>
        index.available(channel, shard, limit, call),
      );
      if (lookup.kind === "known") return [...lookup.agents];
      const detail = lookup.detail === undefined ? "" : `: ${lookup.detail}`;
      this.#degraded({ component: "presence", reason: `agent index ${lookup.reason}${detail}` });
    } catch (error) {
      this.#degraded({
        component: "presence",
        reason: spent(signal, "agent index read rejected"),
        error,
      });
    }
    return undefined;
  }

  /** Reserves on the index; a failure is reported and counts as `unsupported` (offered unreserved). */
  async #reserveOnIndex(
    index: AgentIndex,
    agent: Agent,
    walk: IndexWalk,
    signal: AbortSignal | undefined,
    idleSince: number | undefined,
  ): Promise<ReservationOutcome> {
    const seconds = this.#options.reservationSeconds;
    if (seconds === 0) return "unsupported";
    try {
      return await withinBudget(signal, (call) =>
        index.reserve(
          agent.id,
          walk.claim.contactId,
          walk.claim.now + seconds * 1000,
          walk.channel,
          {
            ...call,
            ...(idleSince === undefined ? {} : { idleSince }),
          },
        ),
      );
    } catch (error) {
      this.#degraded({
        component: "presence",
        reason: spent(signal, "agent reservation failed"),
        error,
      });
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
      ...(start.others === undefined ? {} : { others: start.others }),
      waitForPreferred: this.#options.preferredWaitSeconds > 0,
      claim: { contactId: start.contactId, now: this.#deps.clock.now() },
      strategy: this.#options.strategy,
      idlePoolSize: this.#options.idlePoolSize,
      presenceWindow: this.#options.presenceWindow,
      excludedByCustomer: start.excludedByCustomer,
    };
    let step = startWalk(walk);
    for (;;) {
      switch (step.kind) {
        case "read-window": {
          const lookup = await this.#lookupPresence(step.agentIds, start.signal);
          step =
            lookup.kind === "known"
              ? afterWindowRead(walk, step, lookup.agents, lookup.stale)
              : afterWindowRead(walk, step, undefined);
          break;
        }
        case "reserve-then-offer": {
          const seen = step.progress.window.presence?.get(step.offer.agent.id);
          const outcome = await this.#reserve(
            step.offer.agent,
            walk.claim,
            start.signal,
            seen?.idleSince,
          );
          step = afterReservation(walk, step, outcome === "taken");
          break;
        }
        case "offer":
          return agentOffered(step.offer, this.#signingFor(start.contactId));
        case "none":
          return noCandidate(step.reason, step.presence);
      }
    }
  }

  /**
   * Up to `maxFurtherAgentsPerStep` agents after the ranked ones who can take a contact now,
   * none of them one the customer excluded.
   */
  async #furtherAvailableAgents(
    contact: RoutingContact,
    keys: CustomerKeys | undefined,
    sight: AgentSight,
    ranked: readonly Agent[],
    excludedByCustomer: readonly string[],
    signal: AbortSignal | undefined,
  ): Promise<readonly Agent[]> {
    const seed = strategySeed(this.#options.strategy, keys?.identity[0], this.#deps.random);
    const claim: ReservationClaim = { contactId: contact.contactId, now: this.#deps.clock.now() };
    if (sight.kind === "index") {
      // On the index: the agents of the contact's first shard, one bounded read.
      if (sight.layout === undefined) return [];
      const [shard = 0] = shardOrder(seed, sight.layout.shards);
      const found = await this.#availableOnIndex(
        sight.index,
        contact.channel,
        shard,
        indexReadLimit,
        signal,
      );
      if (found === undefined) return [];
      const left = new Set([...ranked.map((agent) => agent.id), ...excludedByCustomer]);
      const others = found.filter((entry) => !left.has(entry.agent.id));
      return furtherAgents(
        others.map((entry) => entry.agent),
        new Map(others.map((entry) => [entry.agent.id, entry.availability])),
        contact.channel,
        claim,
        this.#options.strategy,
      );
    }
    const { roster } = sight;
    if (roster === undefined) return [];
    const window = rankedCandidates(roster.agents, {
      seed,
      exclude: [...ranked.map((agent) => agent.id), ...excludedByCustomer],
      limit: this.#options.presenceWindow,
      keys: this.#keysOf(roster.agents),
    }).agents;
    if (window.length === 0) return [];
    const presence = await this.#lookupPresence(
      window.map((agent) => agent.id),
      signal,
    );
    if (presence.kind === "unknown") return [];
    return furtherAgents(window, presence.agents, contact.channel, claim, this.#options.strategy);
  }

  /**
   * The one save path of `record` and `recordAnsweredContact`: the agent resolved through the
   * directory (or, while it is down, derived from the instance ARN), then one store merge per
   * history key of the customer. An agent who opted out gains nothing. `at` defaults to now,
   * read after the directory answered.
   */
  async #save(
    historyKeys: readonly string[],
    answer: {
      readonly contactId: string;
      readonly agentId: string;
      readonly at: number | undefined;
      readonly instanceArn?: string | undefined;
    },
    signal: AbortSignal | undefined,
  ): Promise<SaveResult> {
    const resolved = await this.#resolveAgent(answer.instanceArn, answer.agentId.trim(), signal);
    if (resolved === undefined) return "unknown-agent";
    const { agent } = resolved;
    if (agent.optedOut === true) return "agent-opted-out";
    const at = answer.at ?? this.#deps.clock.now();
    const outcomes = await Promise.all(
      historyKeys.map((key) => {
        const assignment = assignmentFor({
          callerKey: key,
          agent,
          contactId: answer.contactId,
          at,
          lifetimeSeconds: this.#lifetimeOfKey(key),
          agentUnverified: !resolved.verified,
        });
        return withinBudget(signal, (call) => this.#deps.store.save(assignment, call));
      }),
    );
    return outcomes.some((outcome) => outcome.kind !== "superseded") ? "recorded" : "superseded";
  }

  /**
   * The store keys of a contact's customer: one per identity its sources yield (the flow's
   * customer key, the phone number, the email address), and those keys in the contact's scope
   * for the agent history; `undefined` for an anonymous contact.
   */
  #customerKeysOf(contact: Omit<RoutingContact, "instanceArn">): CustomerKeys | undefined {
    const { identitySources, defaultCallingCode, callerKeySecret, scope } = this.#options;
    const identities = customerIdentities(
      contact,
      identitySources,
      defaultCallingCode === undefined ? {} : { defaultCallingCode },
    );
    if (identities.length === 0) return undefined;
    const identity = [...new Set(identities.map((entry) => identityKey(entry, callerKeySecret)))];
    const value = scopeValueOf(scope, contact);
    const keys = {
      identity,
      history: identity.map((key) => scopedKey(key, scope, value)),
      lifetimeSeconds: scopeLifetimeSeconds(
        value,
        this.#options.scopeLifetimes,
        this.#options.affinityLifetimeSeconds,
      ),
    };
    const { previousCallerKey } = this.#options;
    if (previousCallerKey === undefined) return keys;
    const secret = previousCallerKey === "raw-number" ? undefined : previousCallerKey.secret;
    const previous = new Map<string, string>();
    for (const entry of identities) {
      const current = identityKey(entry, callerKeySecret);
      const older = identityKey(entry, secret);
      previous.set(current, older);
      previous.set(scopedKey(current, scope, value), scopedKey(older, scope, value));
    }
    return { ...keys, previous };
  }

  /**
   * The keys `record` saves under. Per queue, the flow's working queue by now is the agent's
   * personal queue, not the queue the customer came for: the keys `route` remembered for the
   * contact are used instead (one index read), the contact's own keys when there are none.
   */
  async #recordKeysOf(
    contact: RoutingContact,
    signal: AbortSignal | undefined,
  ): Promise<CustomerKeys | undefined> {
    const keys = this.#customerKeysOf(contact);
    const { contacts } = this.#deps;
    if (keys === undefined || this.#options.scope !== "queue" || contacts === undefined) {
      return keys;
    }
    const remembered = await this.#rememberedEntry(contacts, contact.contactId, signal);
    return remembered === undefined ? keys : { ...keys, history: remembered.keys };
  }

  /**
   * What the contact index remembers for a contact (every key of the customer's history, and
   * the offer made to a returning customer), or `undefined`; through the index's richest method.
   */
  async #rememberedEntry(
    contacts: ContactIndex,
    contactId: string,
    signal: AbortSignal | undefined,
  ): Promise<{ readonly keys: readonly string[]; readonly offer?: ContactOffer } | undefined> {
    const { rememberedContact, callerKeysOfContact } = contacts;
    if (rememberedContact !== undefined) {
      const entry = await withinBudget(signal, (call) =>
        rememberedContact.call(contacts, contactId, call),
      );
      if (entry === undefined) return undefined;
      const keys = entry.callerKeys ?? [entry.callerKey];
      return entry.offer === undefined ? { keys } : { keys, offer: entry.offer };
    }
    const keys = await withinBudget(signal, async (call) =>
      callerKeysOfContact === undefined
        ? [await contacts.callerOfContact(contactId, call)].filter((key) => key !== undefined)
        : await callerKeysOfContact.call(contacts, contactId, call),
    );
    return keys.length === 0 ? undefined : { keys };
  }

  /**
   * How long affinity lasts under a history key: the lifetime of its scope value (the queue ID
   * or channel after its last `#queue:` or `#channel:`), else `affinityLifetimeSeconds`.
   */
  #lifetimeOfKey(key: string): number {
    const { scope, scopeLifetimes, affinityLifetimeSeconds } = this.#options;
    if (scope === "global") return affinityLifetimeSeconds;
    const marker = `#${scope}:`;
    const at = key.lastIndexOf(marker);
    const value = at < 0 ? undefined : key.slice(at + marker.length);
    return scopeLifetimeSeconds(value, scopeLifetimes, affinityLifetimeSeconds);
  }

  /**
   * The customer's records: one read for one key (a phone number, global scope), else one
   * `findMany` (or one `find` per key). During a key rotation, the keys that hold nothing are
   * read again under the previous secret (a second round, only for those). A failure routes the
   * customer as new.
   */
  async #findRecords(
    keys: CustomerKeys | undefined,
    signal: AbortSignal | undefined,
  ): Promise<CustomerRecords> {
    if (keys === undefined) return noRecords;
    const wanted = [...new Set([...keys.history, ...keys.identity])];
    let found: Map<string, AffinityRecord>;
    try {
      found = new Map(await this.#readRecords(wanted, signal));
      // A current item with preferences only (a pin or exclusion set after the rotation began)
      // must not hide the history still under the previous key.
      const fallback = wanted.flatMap((key) => {
        const current = found.get(key);
        const older =
          current !== undefined && hasHistory(current) ? undefined : keys.previous?.get(key);
        return older === undefined || older === key ? [] : [[key, older] as const];
      });
      if (fallback.length > 0) {
        const older = await this.#readRecords(
          fallback.map(([, key]) => key),
          signal,
        );
        for (const [key, previous] of fallback) {
          const record = older.get(previous);
          const current = found.get(key);
          if (record !== undefined) {
            found.set(key, current === undefined ? record : mergedRecords(current, record));
          }
        }
      }
    } catch (error) {
      this.#degraded({
        component: "store",
        reason: spent(signal, "affinity record unreadable"),
        error,
      });
      return noRecords;
    }
    return {
      history: keys.history.map((key) => found.get(key)),
      preferences: keys.identity.map((key) => found.get(key)),
    };
  }

  /** The records under `keys`: one `find` for one key, else `findMany` or one `find` each. */
  async #readRecords(
    keys: readonly string[],
    signal: AbortSignal | undefined,
  ): Promise<ReadonlyMap<string, AffinityRecord>> {
    const { store } = this.#deps;
    const [only] = keys;
    if (keys.length === 1 && only !== undefined) {
      const record = await withinBudget(signal, (call) => store.find(only, call));
      return new Map(record === undefined ? [] : [[only, record]]);
    }
    if (store.findMany !== undefined) {
      const findMany = store.findMany.bind(store);
      return withinBudget(signal, (call) => findMany(keys, call));
    }
    const records = await Promise.all(
      keys.map((key) => withinBudget(signal, (call) => store.find(key, call))),
    );
    return new Map(
      keys.flatMap((key, index) => {
        const record = records[index];
        return record === undefined ? [] : [[key, record] as const];
      }),
    );
  }

  /**
   * The customer's exclusions the walk enforces: all of them, up to what a cursor carries
   * ({@link maxExcludedAgents}); more (over several identities) is reported, not silently cut.
   */
  #enforcedExclusions(judgement: AffinityJudgement): readonly string[] {
    const { excludedAgentIds } = judgement;
    if (excludedAgentIds.length <= maxExcludedAgents) return excludedAgentIds;
    this.#degraded({
      component: "store",
      reason: `the customer excludes ${excludedAgentIds.length} agents over their identities; only ${maxExcludedAgents} are enforced`,
    });
    return excludedAgentIds.slice(0, maxExcludedAgents);
  }

  /**
   * Remembers a known customer's contact (the keys of their agent history) for
   * `recordAnsweredContact`. Best effort: a failure is reported and the contact is routed all
   * the same (its answer is then recorded by `record` only).
   */
  async #rememberContact(
    contact: RoutingContact,
    keys: CustomerKeys | undefined,
    offer: ContactOffer | undefined,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const { contacts } = this.#deps;
    if (contacts === undefined || keys === undefined) return;
    const expiresAt =
      Math.floor(this.#deps.clock.now() / 1000) + this.#options.contactIndexLifetimeSeconds;
    try {
      await withinBudget(signal, (call) =>
        contacts.rememberContact(contact.contactId, keys.history, expiresAt, offer, call),
      );
    } catch (error) {
      this.#degraded({
        component: "contact-index",
        reason: spent(signal, "contact index unwritable"),
        error,
      });
    }
  }

  async #readRoster(signal: AbortSignal | undefined): Promise<AgentRoster | undefined> {
    const sources = this.#sources;
    if (sources.kind !== "roster") return undefined;
    try {
      const roster = await withinBudget(signal, (call) => sources.directory.roster(call));
      // Every contact now goes to the fallback queue: say so, rather than route in silence.
      if (roster.agents.length === 0) {
        this.#degraded({ component: "directory", reason: "directory empty: no routable agents" });
      }
      return roster;
    } catch (error) {
      const reason =
        error instanceof DirectoryUnavailableError
          ? `directory unavailable (${error.reason})`
          : "directory unreadable";
      this.#degraded({ component: "directory", reason: spent(signal, reason), error });
      return undefined;
    }
  }

  async #lookupPresence(
    agentIds: readonly string[],
    signal: AbortSignal | undefined,
  ): Promise<PresenceLookup> {
    const sources = this.#sources;
    if (sources.kind !== "roster") return { kind: "unknown", reason: "disabled" };
    let lookup: PresenceLookup;
    try {
      lookup = await withinBudget(signal, (call) => sources.presence.lookup(agentIds, call));
    } catch (error) {
      // The port promises never to reject; one that does (or that the budget cut off) is
      // treated as a failed lookup.
      this.#degraded({
        component: "presence",
        reason: spent(signal, "presence lookup rejected"),
        error,
      });
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
  async #reserve(
    agent: Agent,
    claim: ReservationClaim,
    signal: AbortSignal | undefined,
    idleSince: number | undefined,
  ): Promise<ReservationOutcome> {
    if (this.#sources.kind !== "roster") return "unsupported";
    const { presence } = this.#sources;
    const seconds = this.#options.reservationSeconds;
    const { reserve } = presence;
    if (reserve === undefined || seconds === 0) return "unsupported";
    try {
      return await withinBudget(signal, (call) =>
        reserve.call(presence, agent.id, claim.contactId, claim.now + seconds * 1000, {
          ...call,
          ...(idleSince === undefined ? {} : { idleSince }),
        }),
      );
    } catch (error) {
      this.#degraded({
        component: "presence",
        reason: spent(signal, "agent reservation failed"),
        error,
      });
      return "unsupported";
    }
  }

  /**
   * The agent as the directory knows them (`verified`), or, while the directory is down, as
   * derived from the instance ARN (not verified: stored with `agentUnverified`, and offered to
   * the returning caller only once the directory confirms them).
   */
  async #resolveAgent(
    instanceArn: string | undefined,
    agentId: string,
    signal: AbortSignal | undefined,
  ): Promise<{ readonly agent: Agent; readonly verified: boolean } | undefined> {
    if (agentId === "" || agentId === NONE) return undefined;
    if (this.#sources.kind === "index") {
      const entry = await this.#indexedAgent(this.#sources.index, agentId, signal);
      if (entry.kind === "listed") return { agent: entry.agent, verified: true };
      if (entry.kind === "unlisted") return undefined;
    } else {
      const roster = await this.#readRoster(signal);
      if (roster !== undefined) {
        const agent = roster.get(agentId);
        return agent === undefined ? undefined : { agent, verified: true };
      }
    }
    // The directory is down: remember the agent anyway when their ARN can be derived.
    // Only an ID that can be appended to the instance ARN without changing its meaning.
    if (instanceArn === undefined || !isAgentId(agentId)) return undefined;
    return { agent: { id: agentId, arn: `${instanceArn}/agent/${agentId}` }, verified: false };
  }

  #keysOf(agents: readonly Agent[]): Float64Array {
    let keys = this.#keys.get(agents);
    if (keys === undefined) {
      keys = agentKeys(agents);
      this.#keys.set(agents, keys);
    }
    return keys;
  }

  #checkEventTime(method: string, field: string, at: number): void {
    if (!Number.isFinite(at) || at < 0) {
      throw new RangeError(`${method}: "${field}" must be epoch milliseconds, got ${String(at)}`);
    }
    const ahead = beyondClockSkew(at, this.#deps.clock.now());
    if (ahead > 0) {
      throw new RangeError(
        `${method}: "${field}" is ${ahead} ms beyond the clock-skew allowance, from the future`,
      );
    }
  }

  #signingFor(contactId: string): CursorSigning | undefined {
    const { cursorSigningKey: key, previousCursorSigningKey: previousKey } = this.#options;
    if (key === undefined) return undefined;
    return previousKey === undefined ? { key, contactId } : { key, contactId, previousKey };
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
    if (deps.contacts.rememberedContact !== undefined) {
      withMethods("contacts", deps.contacts, ["rememberedContact"]);
    }
    if (deps.contacts.callerKeysOfContact !== undefined) {
      withMethods("contacts", deps.contacts, ["callerKeysOfContact"]);
    }
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

/**
 * The agents a customer's records could prefer, to be read from the index: the first pin that
 * has not ended, and the ranked agents who still count (`rankServedAgents`, at most five), the
 * agents {@link judgeCustomer} judges. Excluded agents are left out (the judgement never
 * prefers them).
 */
function agentsToJudge(records: CustomerRecords, nowMs: number): string[] {
  const wanted = new Set<string>();
  for (const record of records.preferences) {
    const pin = record?.pin;
    if (pin !== undefined && (pin.until === undefined || pin.until > nowMs)) {
      wanted.add(pin.agentId);
      break;
    }
  }
  for (const served of rankServedAgents(records.history, nowMs)) wanted.add(served.agentId);
  const excluded = new Set(records.preferences.flatMap((record) => record?.excludedAgentIds ?? []));
  return [...wanted].filter((agentId) => !excluded.has(agentId));
}

/** The walk's entry for one of the returning caller's agents, if `agent` is one. */
function preferenceOf(walk: IndexWalk, agent: Agent): IndexedPreference | undefined {
  if (walk.preferred?.agent === agent) return walk.preferred;
  return walk.others?.find((other) => other.agent === agent);
}

/** A preferred agent's presence as the index entry read for the judgement says. */
function availabilityOf(sight: AgentSight, agent: Agent): AgentAvailability | undefined {
  if (sight.kind !== "index") return undefined;
  const entry = sight.entries.get(agent.id);
  return entry?.kind === "listed" ? entry.availability : undefined;
}

/** The agent a judgement prefers: fresh with a roster, unconfirmed without one. */
function preferredOf(judgement: AffinityJudgement): Agent | undefined {
  return judgement.kind === "no-preference" ? undefined : judgement.agent;
}

/** A degradation's reason, saying when the time budget (not the dependency) cut it off. */
function spent(signal: AbortSignal | undefined, reason: string): string {
  return signal?.aborted === true ? `${reason}: the invocation's time budget is spent` : reason;
}

function agentOffered(offer: WalkOffer, signing: CursorSigning | undefined): CandidateResponse {
  return {
    status: "agent",
    agentId: offer.agent.id,
    agentArn: offer.agent.arn,
    reason: offer.reason,
    cursor: encodeCursor(offer.cursor, signing),
    presence: offer.presence,
  };
}

function noCandidate(reason: NoneReason, presence: PresenceState): CandidateResponse {
  return { status: "none", agentId: NONE, agentArn: NONE, reason, cursor: NONE, presence };
}
