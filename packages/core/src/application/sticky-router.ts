import {
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
import type { AgentRoster } from "../domain/agent-roster.js";
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
import { isAgentId } from "../domain/connect-identifiers.js";
import { type ContactOffer, contactOfferFor } from "../domain/contact-offer.js";
import { DirectoryUnavailableError, InvalidOptionError } from "../domain/errors.js";
import { beyondClockSkew } from "../domain/event-time.js";
import { strategySeed } from "../domain/new-caller-strategy.js";
import type { ReservationClaim } from "../domain/presence-choice.js";
import type { RandomSource } from "../domain/random-source.js";
import { agentKeys } from "../domain/rendezvous-rank.js";
import { furtherAgents, preferredAgentCriteria } from "../domain/routing-criteria.js";
import { type CursorSigning, decodeCursor, encodeCursor } from "../domain/routing-cursor.js";
import { nearestKey, optionObject, withMethods } from "../options/option-checks.js";
import type { AffinityStore } from "../ports/affinity-store.js";
import type { AgentDirectory } from "../ports/agent-directory.js";
import type { AgentPresence, PresenceLookup, ReservationOutcome } from "../ports/agent-presence.js";
import type { CallOptions } from "../ports/call-options.js";
import type { Clock } from "../ports/clock.js";
import type { ContactIndex, RememberedContact } from "../ports/contact-index.js";
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
  /** The invocation's time budget. */
  readonly signal: AbortSignal | undefined;
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
    this.#options = resolveStickyRouterOptions(options);
  }

  /** The options in force, defaults applied. */
  get options(): ResolvedStickyRouterOptions {
    return this.#options;
  }

  /** {@inheritDoc StickyRouting.route} */
  async route(contact: RoutingContact, options: CallOptions = {}): Promise<CandidateResponse> {
    const { signal } = options;
    const keys = this.#callerKeysOf(contact);
    const key = keys?.current;
    const [record, roster] = await Promise.all([
      this.#findRecord(keys, signal),
      this.#readRoster(signal),
    ]);
    const decidedAt = this.#deps.clock.now();
    const judgement = judgeAffinity(record, decidedAt, roster);
    const seed = strategySeed(this.#options.strategy, key, this.#deps.random);
    // Fresh with a roster; unconfirmed without one (then it is all the walk can offer).
    const preferred =
      judgement.kind === "fresh" || judgement.kind === "unconfirmed" ? judgement.agent : undefined;
    // A caller who was promised nobody is remembered while the walk runs; a returning caller
    // once the walk has said what became of their agent, so the answer can be judged by it.
    const returning = contactOfferFor(record, judgement, "new-caller", decidedAt) !== undefined;
    const remembered = returning
      ? undefined
      : this.#rememberContact(contact, key, undefined, signal);
    const answer = await this.#walk({
      contactId: contact.contactId,
      channel: contact.channel,
      roster,
      cursor: { seed, attempts: 0, excluded: preferred === undefined ? [] : [preferred.id] },
      preferred,
      step: "route",
      signal,
    });
    await (remembered ??
      this.#rememberContact(
        contact,
        key,
        contactOfferFor(record, judgement, answer.reason, decidedAt),
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
    return this.#walk({
      contactId: contact.contactId,
      channel: contact.channel,
      roster: await this.#readRoster(options.signal),
      cursor: position,
      preferred: undefined,
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
    if (at !== undefined) this.#checkEventTime("record", at);
    const key = this.#callerKeyOf(contact);
    if (key === undefined) return this.#skipped("anonymous-caller");
    const result = await this.#save(key, { ...contact, agentId, at }, options.signal);
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
    this.#checkEventTime("recordAnsweredContact", answer.at);
    const { contactId, initialContactId } = answer;
    const entry =
      (await rememberedContact(contacts, contactId, signal)) ??
      (initialContactId === undefined || initialContactId === contactId
        ? undefined
        : await rememberedContact(contacts, initialContactId, signal));
    if (entry === undefined) return { status: "skipped", reason: "unknown-contact" };
    const result = await this.#save(entry.callerKey, answer, signal);
    const offer = entry.offer === undefined ? {} : { offer: entry.offer };
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
    const keys = this.#callerKeysOf(contact);
    const key = keys?.current;
    const [record, roster] = await Promise.all([
      this.#findRecord(keys, signal),
      this.#readRoster(signal),
    ]);
    const decidedAt = this.#deps.clock.now();
    const judgement = judgeAffinity(record, decidedAt, roster);
    if (judgement.kind !== "fresh" && judgement.kind !== "unconfirmed") {
      await this.#rememberContact(
        contact,
        key,
        contactOfferFor(record, judgement, "no-preferred-agent", decidedAt),
        signal,
      );
      return {
        status: "none",
        agentId: NONE,
        reason: "no-preferred-agent",
        routingCriteria: NONE,
      };
    }
    const preferred = judgement.agent;
    const [further] = await Promise.all([
      roster === undefined
        ? []
        : this.#furtherAvailableAgents(contact, key, roster, preferred, signal),
      this.#rememberContact(
        contact,
        key,
        contactOfferFor(record, judgement, "returning-caller", decidedAt),
        signal,
      ),
    ]);
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
          const lookup = await this.#lookupPresence(step.agentIds, start.signal);
          step = afterWindowRead(walk, step, lookup.kind === "known" ? lookup.agents : undefined);
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

  /** Up to `maxFurtherAgentsPerStep` agents after the preferred one who can take a contact now. */
  async #furtherAvailableAgents(
    contact: RoutingContact,
    key: string | undefined,
    roster: AgentRoster,
    preferred: Agent,
    signal: AbortSignal | undefined,
  ): Promise<readonly Agent[]> {
    const seed = strategySeed(this.#options.strategy, key, this.#deps.random);
    const window = rankedCandidates(roster.agents, {
      seed,
      exclude: [preferred.id],
      limit: this.#options.presenceWindow,
      keys: this.#keysOf(roster.agents),
    }).agents;
    if (window.length === 0) return [];
    const presence = await this.#lookupPresence(
      window.map((agent) => agent.id),
      signal,
    );
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
    signal: AbortSignal | undefined,
  ): Promise<SaveResult> {
    const resolved = await this.#resolveAgent(answer.instanceArn, answer.agentId.trim(), signal);
    if (resolved === undefined) return "unknown-agent";
    const assignment = assignmentFor({
      callerKey: key,
      agent: resolved.agent,
      contactId: answer.contactId,
      at: answer.at ?? this.#deps.clock.now(),
      lifetimeSeconds: this.#options.affinityLifetimeSeconds,
      agentUnverified: !resolved.verified,
    });
    const outcome = await withinBudget(signal, (call) => this.#deps.store.save(assignment, call));
    return outcome.kind === "superseded" ? "superseded" : "recorded";
  }

  #callerKeyOf(contact: RoutingContact): string | undefined {
    return this.#callerKeysOf(contact)?.current;
  }

  /**
   * The caller's key (`current`, every write uses it) and, during a rotation, the key their
   * record may still be filed under (`previous`); `undefined` for an anonymous caller.
   */
  #callerKeysOf(
    contact: RoutingContact,
  ): { readonly current: string; readonly previous?: string } | undefined {
    const identity = parseCaller(
      contact.customerAddress,
      this.#options.defaultCallingCode === undefined
        ? {}
        : { defaultCallingCode: this.#options.defaultCallingCode },
    );
    if (identity.kind === "anonymous") return undefined;
    const current = callerKey(identity.e164, this.#options.callerKeySecret);
    const previous = this.#options.previousCallerKey;
    if (previous === undefined) return { current };
    return {
      current,
      previous: callerKey(identity.e164, previous === "raw-number" ? undefined : previous.secret),
    };
  }

  /** The caller's record under the current key, else under the previous one. */
  async #findRecord(
    keys: { readonly current: string; readonly previous?: string } | undefined,
    signal: AbortSignal | undefined,
  ): Promise<AffinityRecord | undefined> {
    if (keys === undefined) return undefined;
    try {
      const record = await withinBudget(signal, (call) =>
        this.#deps.store.find(keys.current, call),
      );
      const { previous } = keys;
      if (record !== undefined || previous === undefined) return record;
      return await withinBudget(signal, (call) => this.#deps.store.find(previous, call));
    } catch (error) {
      this.#degraded({
        component: "store",
        reason: spent(signal, "affinity record unreadable"),
        error,
      });
      return undefined;
    }
  }

  /**
   * Remembers a known caller's contact for `recordAnsweredContact`. Best effort: a failure is
   * reported and the contact is routed all the same (its answer is then recorded by `record`
   * only).
   */
  async #rememberContact(
    contact: RoutingContact,
    key: string | undefined,
    offer: ContactOffer | undefined,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const { contacts } = this.#deps;
    if (contacts === undefined || key === undefined) return;
    const expiresAt =
      Math.floor(this.#deps.clock.now() / 1000) + this.#options.contactIndexLifetimeSeconds;
    try {
      await withinBudget(signal, (call) =>
        contacts.rememberContact(contact.contactId, key, expiresAt, offer, call),
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
    try {
      const roster = await withinBudget(signal, (call) => this.#deps.directory.roster(call));
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
    let lookup: PresenceLookup;
    try {
      lookup = await withinBudget(signal, (call) => this.#deps.presence.lookup(agentIds, call));
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
    const { presence } = this.#deps;
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
    const roster = await this.#readRoster(signal);
    if (roster !== undefined) {
      const agent = roster.get(agentId);
      return agent === undefined ? undefined : { agent, verified: true };
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

  #checkEventTime(method: string, at: number): void {
    if (!Number.isFinite(at) || at < 0) {
      throw new RangeError(`${method}: "at" must be epoch milliseconds, got ${String(at)}`);
    }
    const ahead = beyondClockSkew(at, this.#deps.clock.now());
    if (ahead > 0) {
      throw new RangeError(
        `${method}: "at" is ${ahead} ms beyond the clock-skew allowance, from the future`,
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
const dependencyNames: Readonly<Record<keyof StickyRouterDeps, true>> = {
  store: true,
  directory: true,
  presence: true,
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
  withMethods("directory", deps.directory, ["roster"]);
  withMethods("presence", deps.presence, ["lookup"]);
  if (deps.presence.reserve !== undefined) withMethods("presence", deps.presence, ["reserve"]);
  withMethods("clock", deps.clock, ["now"]);
  withMethods("random", deps.random, ["nextUint32"]);
  if (deps.contacts !== undefined) {
    withMethods("contacts", deps.contacts, ["rememberContact", "callerOfContact"]);
    if (deps.contacts.rememberedContact !== undefined) {
      withMethods("contacts", deps.contacts, ["rememberedContact"]);
    }
  }
  if (deps.observer !== undefined) withMethods("observer", deps.observer, ["degraded"]);
  return deps;
}

/**
 * The index's whole entry for a contact, through the optional method when the index has it,
 * inside the invocation's time budget.
 */
async function rememberedContact(
  contacts: ContactIndex,
  contactId: string,
  signal: AbortSignal | undefined,
): Promise<RememberedContact | undefined> {
  const { rememberedContact: whole } = contacts;
  if (whole !== undefined) {
    return withinBudget(signal, (call) => whole.call(contacts, contactId, call));
  }
  const callerKey = await withinBudget(signal, (call) => contacts.callerOfContact(contactId, call));
  return callerKey === undefined ? undefined : { callerKey };
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
