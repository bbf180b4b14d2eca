import {
  type AgentReason,
  type CandidateResponse,
  NONE,
  type NoneReason,
  type PresenceState,
  type RecordResponse,
  type RoutingCriteriaResponse,
  type SkipReason,
} from "../contract/attribute-contract.js";
import { judgeAffinity } from "../domain/affinity-judgement.js";
import type { AffinityRecord } from "../domain/affinity-record.js";
import { assignmentFor } from "../domain/affinity-record.js";
import type { Agent, Channel } from "../domain/agent.js";
import { callerKey, parseCaller } from "../domain/caller-identity.js";
import { rankedCandidates } from "../domain/candidate-order.js";
import { DirectoryUnavailableError, InvalidOptionError } from "../domain/errors.js";
import { strategySeed } from "../domain/new-caller-strategy.js";
import {
  type AvailableChoiceRule,
  canTakeContact,
  chooseAvailable,
  type ReservationClaim,
} from "../domain/presence-choice.js";
import { agentKeys } from "../domain/rendezvous-rank.js";
import { maxFurtherAgentsPerStep, preferredAgentCriteria } from "../domain/routing-criteria.js";
import { decodeCursor, encodeCursor, type RoutingCursor } from "../domain/routing-cursor.js";
import type { AffinityStore } from "../ports/affinity-store.js";
import type { AgentDirectory, AgentRoster } from "../ports/agent-directory.js";
import type {
  AgentAvailability,
  AgentPresence,
  PresenceLookup,
  ReservationOutcome,
} from "../ports/agent-presence.js";
import type { Clock } from "../ports/clock.js";
import type { ContactIndex } from "../ports/contact-index.js";
import type { RandomSource } from "../ports/random-source.js";
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

/** The ports a {@link StickyRouter} works through. */
export interface StickyRouterDeps {
  readonly store: AffinityStore;
  readonly directory: AgentDirectory;
  readonly presence: AgentPresence;
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

/** Presence lookups one `route` or `next` call makes at most, so a busy center costs 2 calls. */
const maxPresenceLookupsPerCall = 2;

/**
 * Agents one presence window may find taken by a concurrent route before the walk treats the
 * window as busy: each try is one conditional write, and a center where that many lose the race
 * in a row is so busy that the next window (whose lookup sees the reservations) is the better bet.
 */
const maxReservationsPerWindow = 3;

/** Agent IDs that can be appended to an instance ARN without changing its meaning. */
const plainAgentId = /^[A-Za-z0-9_-]{1,256}$/;

/** Where the walk over a contact's candidates starts. */
interface WalkStart {
  readonly contactId: string;
  readonly channel: Channel;
  readonly roster: AgentRoster;
  /** The position before this offer (`attempts` 0 for route). */
  readonly cursor: RoutingCursor | (Omit<RoutingCursor, "attempts"> & { readonly attempts: 0 });
  /** The fresh preferred agent, offered first (route only). */
  readonly preferred: Agent | undefined;
  readonly step: "route" | "next";
}

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
  readonly #options: ResolvedStickyRouterOptions;
  /** Agent hash keys per roster list, so a cached roster is hashed once per container. */
  readonly #keys = new WeakMap<readonly Agent[], Float64Array>();

  /**
   * @throws {InvalidOptionError} when an option is out of range.
   */
  constructor(deps: StickyRouterDeps, options: StickyRouterOptions = {}) {
    this.#deps = deps;
    this.#options = resolveStickyRouterOptions(options);
  }

  /** The options in force, defaults applied. */
  get options(): ResolvedStickyRouterOptions {
    return this.#options;
  }

  /** {@inheritDoc StickyRouting.route} */
  async route(contact: RoutingContact): Promise<CandidateResponse> {
    const key = this.#callerKeyOf(contact);
    const [record, roster] = await Promise.all([
      this.#findRecord(key),
      this.#readRoster(),
      this.#rememberContact(contact, key),
    ]);
    const judgement = judgeAffinity(record, this.#deps.clock.now(), roster);
    const seed = strategySeed(this.#options.strategy, key, this.#deps.random);

    if (roster === undefined) {
      if (judgement.kind !== "unconfirmed") return noCandidate("no-routable-agents", "unverified");
      const agent = judgement.agent;
      return offer(agent, "returning-caller", "unverified", {
        seed,
        attempts: 1,
        excluded: [agent.id],
      });
    }
    const preferred = judgement.kind === "fresh" ? judgement.agent : undefined;
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
    const roster = await this.#readRoster();
    if (roster === undefined) return noCandidate("no-routable-agents", "unverified");
    return this.#walk({
      contactId: contact.contactId,
      channel: contact.channel,
      roster,
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
    const agent = await this.#resolveAgent(contact.instanceArn, agentId.trim());
    if (agent === undefined) return this.#skipped("unknown-agent");
    const outcome = await this.#deps.store.save(
      assignmentFor({
        callerKey: key,
        agent,
        contactId: contact.contactId,
        at: at ?? this.#deps.clock.now(),
        lifetimeSeconds: this.#options.affinityLifetimeSeconds,
      }),
    );
    if (outcome.kind === "superseded") return this.#skipped("superseded");
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
    const agent = await this.#resolveAgent(answer.instanceArn, answer.agentId.trim());
    if (agent === undefined) return { status: "skipped", reason: "unknown-agent" };
    const outcome = await this.#deps.store.save(
      assignmentFor({
        callerKey: key,
        agent,
        contactId: answer.contactId,
        at: answer.at,
        lifetimeSeconds: this.#options.affinityLifetimeSeconds,
      }),
    );
    return outcome.kind === "superseded"
      ? { status: "skipped", reason: "superseded" }
      : { status: "recorded" };
  }

  /** {@inheritDoc StickyRouting.routingCriteria} */
  async routingCriteria(contact: RoutingContact): Promise<RoutingCriteriaResponse> {
    const key = this.#callerKeyOf(contact);
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
   * Offers the first candidate who can take the contact, a presence window at a time (at most
   * {@link maxPresenceLookupsPerCall} lookups), or the next candidate unverified when presence is
   * unknown or the lookups are spent. An agent chosen on known presence is reserved for the
   * contact first when the source supports it; one a concurrent route reserved first is passed
   * over for the next available agent of the same window (at most
   * {@link maxReservationsPerWindow} tries, no new lookup). A returning caller's fresh agent is
   * the exception: offered whenever free, reserved or not.
   */
  async #walk(start: WalkStart): Promise<CandidateResponse> {
    const { contactId, channel, roster, preferred, step } = start;
    const claim: ReservationClaim = { contactId, now: this.#deps.clock.now() };
    const { seed } = start.cursor;
    const attempts = start.cursor.attempts + 1;
    const excluded = [...start.cursor.excluded];
    let last = start.cursor.last;
    const keys = this.#keysOf(roster.agents);
    const reasonFor = (agent: Agent): AgentReason => {
      if (step === "next") return "next-candidate";
      if (preferred === undefined) return "new-caller";
      return agent === preferred ? "returning-caller" : "preferred-agent-busy";
    };
    // longest-idle makes one pick per contact (the first offer after the preferred agent).
    const preferLongestIdle =
      this.#options.strategy === "longest-idle" && start.cursor.idlePicked !== true;
    const cursorWith = (changes: {
      last?: string;
      exclude?: string;
      idlePicked?: boolean;
    }): RoutingCursor => {
      const nextLast = changes.last ?? last;
      const idlePicked = changes.idlePicked === true || start.cursor.idlePicked === true;
      return {
        seed,
        attempts,
        ...(nextLast === undefined ? {} : { last: nextLast }),
        excluded: changes.exclude === undefined ? excluded : [...excluded, changes.exclude],
        ...(idlePicked ? { idlePicked: true } : {}),
      };
    };

    let sawCandidate = false;
    for (let lookup = 0; lookup < maxPresenceLookupsPerCall; lookup += 1) {
      const withPreferred = lookup === 0 && preferred !== undefined;
      const ranked = rankedCandidates(roster.agents, {
        seed,
        ...(last === undefined ? {} : { after: last }),
        exclude: excluded,
        limit: this.#options.presenceWindow - (withPreferred ? 1 : 0),
        keys,
      });
      const window = withPreferred ? [preferred, ...ranked.agents] : ranked.agents;
      const first = window[0];
      if (first === undefined) break;
      sawCandidate = true;

      const presence = await this.#lookupPresence(window.map((agent) => agent.id));
      if (presence.kind === "unknown") {
        const position = first === preferred ? cursorWith({}) : cursorWith({ last: first.id });
        return offer(first, reasonFor(first), "unverified", position);
      }
      if (withPreferred && canTakeContact(presence.agents.get(preferred.id), channel)) {
        // A returning caller's agent is offered even when another contact holds them: affinity
        // outranks a reservation, which mostly comes from a new caller who can go elsewhere.
        // Reserving still makes the other routes pass the agent over from now on.
        await this.#reserve(preferred, claim);
        return offer(preferred, reasonFor(preferred), "verified", cursorWith({}));
      }
      const rule: AvailableChoiceRule = preferLongestIdle
        ? { kind: "longest-idle", poolSize: this.#options.idlePoolSize, seed }
        : { kind: "in-order" };
      let agents = presence.agents;
      for (let reservation = 0; reservation < maxReservationsPerWindow; reservation += 1) {
        const choice = chooseAvailable(ranked.agents, agents, channel, rule, claim);
        if (choice.kind === "all-busy") break;
        const { agent } = choice;
        if ((await this.#reserve(agent, claim)) === "taken") {
          agents = without(agents, agent.id);
          continue;
        }
        const position = choice.inOrder
          ? cursorWith({ last: agent.id, idlePicked: preferLongestIdle })
          : cursorWith({ exclude: agent.id, idlePicked: true });
        return offer(agent, reasonFor(agent), "verified", position);
      }
      if (!ranked.more) {
        // Every free agent left is held by another contact: offer one all the same, as without
        // reservations (the contact waits for them), rather than send it to the fallback queue.
        const held = chooseAvailable(ranked.agents, presence.agents, channel, rule);
        if (held.kind === "all-busy") return noCandidate("no-agent-available", "verified");
        const position = held.inOrder
          ? cursorWith({ last: held.agent.id, idlePicked: preferLongestIdle })
          : cursorWith({ exclude: held.agent.id, idlePicked: true });
        return offer(held.agent, reasonFor(held.agent), "verified", position);
      }
      // Everyone in this window is busy: they are passed over for the rest of the contact.
      const lastOfWindow = ranked.agents[ranked.agents.length - 1];
      if (lastOfWindow !== undefined) last = lastOfWindow.id;
    }
    if (!sawCandidate) {
      return noCandidate(
        step === "next" ? "candidates-exhausted" : "no-routable-agents",
        "unverified",
      );
    }
    const [candidate] = rankedCandidates(roster.agents, {
      seed,
      ...(last === undefined ? {} : { after: last }),
      exclude: excluded,
      limit: 1,
      keys,
    }).agents;
    if (candidate === undefined) return noCandidate("no-agent-available", "verified");
    return offer(candidate, reasonFor(candidate), "unverified", cursorWith({ last: candidate.id }));
  }

  /** Up to {@link maxFurtherAgentsPerStep} agents after the preferred one who can take a contact now. */
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
    const available = window.filter((agent) =>
      canTakeContact(presence.agents.get(agent.id), contact.channel, claim),
    );
    if (this.#options.strategy === "longest-idle") {
      const idleSince = (agent: Agent): number =>
        presence.agents.get(agent.id)?.idleSince ?? Number.POSITIVE_INFINITY;
      // Array.prototype.sort is stable: agents without idleSince keep rank order.
      available.sort((a, b) => idleSince(a) - idleSince(b) || 0);
    }
    return available.slice(0, maxFurtherAgentsPerStep);
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
    try {
      return await this.#deps.directory.roster();
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
    let lookup: PresenceLookup;
    try {
      lookup = await this.#deps.presence.lookup(agentIds);
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
    const { presence } = this.#deps;
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
    const roster = await this.#readRoster();
    if (roster !== undefined) return roster.get(agentId);
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

function offer(
  agent: Agent,
  reason: AgentReason,
  presence: PresenceState,
  cursor: RoutingCursor,
): CandidateResponse {
  return {
    status: "agent",
    agentId: agent.id,
    agentArn: agent.arn,
    reason,
    cursor: encodeCursor(cursor),
    presence,
  };
}

/** `agents` without one agent: the walk's view once a concurrent route has reserved them. */
function without(
  agents: ReadonlyMap<string, AgentAvailability>,
  agentId: string,
): ReadonlyMap<string, AgentAvailability> {
  const rest = new Map(agents);
  rest.delete(agentId);
  return rest;
}

function noCandidate(reason: NoneReason, presence: PresenceState): CandidateResponse {
  return { status: "none", agentId: NONE, agentArn: NONE, reason, cursor: NONE, presence };
}
