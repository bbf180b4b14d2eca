import type { AgentReason, NoneReason, PresenceState } from "../contract/attribute-contract.js";
import type { Agent, Channel } from "./agent.js";
import type { AgentAvailability } from "./agent-availability.js";
import { type RankedCandidates, rankedCandidates } from "./candidate-order.js";
import type { NewCallerStrategyName } from "./new-caller-strategy.js";
import {
  type AvailableChoiceRule,
  chooseAvailable,
  preferredAgentVerdict,
  type ReservationClaim,
} from "./presence-choice.js";
import type { RoutingCursor } from "./routing-cursor.js";

/** Presence windows one walk reads at most, so a busy center costs 2 lookups per call. */
export const maxWindowsPerWalk = 2;

/**
 * Agents one presence window may find taken by a concurrent route before the walk treats the
 * window as busy: each try is one conditional write, and a center where that many lose the race
 * in a row is so busy that the next window (whose lookup sees the reservations) is the better bet.
 */
export const maxReservationsPerWindow = 3;

/** The position a walk starts from: a decoded cursor, or `route`'s fresh one (`attempts` 0). */
export type WalkCursor =
  | RoutingCursor
  | (Omit<RoutingCursor, "attempts"> & { readonly attempts: 0 });

/**
 * Everything a walk over one contact's candidates decides from, fixed for the whole walk.
 * What presence and reservations say arrives step by step.
 */
export interface CandidateWalk {
  /** `route` (the contact's first offer) or `next` (a later one). */
  readonly step: "route" | "next";
  readonly channel: Channel;
  /** The routable agents, or `undefined` when the directory could not be read. */
  readonly agents: readonly Agent[] | undefined;
  /** `agentKey` of each of `agents`, aligned with them, when the caller caches them. */
  readonly keys?: Float64Array;
  /** Where the walk stands before this offer. */
  readonly cursor: WalkCursor;
  /**
   * The returning caller's agent (`route` only), offered first and already in
   * `cursor.excluded`: fresh in the roster, or from the record alone when `agents` is
   * `undefined` (then offered unverified).
   */
  readonly preferred: Agent | undefined;
  /**
   * The returning caller's further agents in rank order (`route` only, fresh in the roster, in
   * `cursor.excluded` too): tried after `preferred`, before the new-caller order.
   */
  readonly others?: readonly Agent[];
  /**
   * Whether a preferred (or ranked) agent who is on shift and routable but busy, or held by
   * another contact's reservation, is offered all the same with presence `busy`, for the
   * caller to wait for them (the router's `preferredWaitSeconds` above 0). Without it such an
   * agent is passed over for the next candidate.
   */
  readonly waitForPreferred?: boolean;
  /** The contact the walk reserves agents for, and the time it judges reservations at. */
  readonly claim: ReservationClaim;
  readonly strategy: NewCallerStrategyName;
  /** The router's `idlePoolSize`. */
  readonly idlePoolSize: number;
  /** Candidates per presence window (the router's `presenceWindow`). */
  readonly presenceWindow: number;
  /**
   * Agents the customer must never be offered: no step of the walk names them (no window, no
   * reservation, no last resort), and every cursor the walk hands out carries them, so `next`
   * keeps honouring them. Empty for most customers.
   */
  readonly excludedByCustomer: readonly string[];
}

/** An agent the walk offers the contact, and the cursor that continues after them. */
export interface WalkOffer {
  readonly agent: Agent;
  readonly reason: AgentReason;
  readonly presence: PresenceState;
  readonly cursor: RoutingCursor;
}

/**
 * Where a walk stands between two steps. The router passes it back untouched; only this
 * module reads it.
 */
export interface WalkProgress {
  /** Presence windows opened so far, the current one included. */
  readonly windows: number;
  /** The last agent consumed in rank order. */
  readonly last: string | undefined;
  /** The current window: its ranked agents, and its presence once read. */
  readonly window: WalkWindow;
}

/** One presence window of a walk. */
export interface WalkWindow {
  /** The window's agents in rank order, the preferred agent not among them. */
  readonly ranked: RankedCandidates;
  /** Whether the preferred agent leads the window (the first window of a `route`). */
  readonly withPreferred: boolean;
  /** What presence said about the window, once read. */
  readonly presence?: ReadonlyMap<string, AgentAvailability>;
  /** `presence` without the agents a concurrent route was found to hold. */
  readonly open?: ReadonlyMap<string, AgentAvailability>;
  /** Reservations tried in this window. */
  readonly reservations: number;
  /** Agents whose presence reading was older than the source's freshness bound. */
  readonly stale?: ReadonlySet<string>;
  /** Where the returning caller's ranked agents are tried from next (after a lost reservation). */
  readonly preferredFrom?: number;
}

/**
 * What the router does next for a contact.
 *
 * - `read-window`: look up the presence of `agentIds`, then call {@link afterWindowRead} (with
 *   `undefined` when presence is unknown).
 * - `reserve-then-offer`: reserve `offer.agent` for the contact, then call
 *   {@link afterReservation} with whether another contact held them. A held agent counts as
 *   busy, never free: a returning caller's own agent is then offered to wait for
 *   (`ifTaken: "wait-for-them"`, with the bounded wait on) or passed over for their next
 *   ranked agent (`try-next-preferred`); anyone else is passed over for another agent of the
 *   window (`choose-another`).
 * - `offer`: answer the contact with `offer`; the walk is over.
 * - `none`: answer that nobody is offered, for `reason`; the walk is over.
 */
export type WalkStep =
  | {
      readonly kind: "read-window";
      readonly agentIds: readonly string[];
      readonly progress: WalkProgress;
    }
  | {
      readonly kind: "reserve-then-offer";
      readonly offer: WalkOffer;
      readonly ifTaken: "wait-for-them" | "try-next-preferred" | "choose-another";
      readonly progress: WalkProgress;
    }
  | { readonly kind: "offer"; readonly offer: WalkOffer }
  | { readonly kind: "none"; readonly reason: NoneReason; readonly presence: PresenceState };

/** A step that waits for the presence of a window. */
export type ReadWindowStep = Extract<WalkStep, { readonly kind: "read-window" }>;

/** A step that waits for a reservation. */
export type ReserveStep = Extract<WalkStep, { readonly kind: "reserve-then-offer" }>;

/**
 * The first step of a walk over a contact's candidates.
 *
 * The walk offers the first candidate who can take the contact, a presence window at a time
 * (at most {@link maxWindowsPerWalk} windows), or the next candidate unverified when presence
 * is unknown or the windows are spent. An agent chosen on known presence is reserved first;
 * one a concurrent route holds is passed over for the next available agent of the same window
 * (at most {@link maxReservationsPerWindow} tries, no new lookup); when every free agent of the
 * last window is held, one of them is offered all the same rather than nobody. A returning
 * caller's agents come first, in rank order: the first who is free (and whose reservation
 * holds) is offered; one on shift but busy or held by another contact is offered with presence
 * `busy` when the bounded wait is on (the caller waits for them), else passed over; one whose
 * reading is older than the freshness bound is offered unverified, the flow's staffing check
 * deciding. Without a roster, only the returning caller's agent can be offered, unverified.
 *
 * Every step strictly advances the walk (a window read, a reservation tried, or an answer), so
 * a walk ends after at most `maxWindowsPerWalk × (1 + maxReservationsPerWindow) + 1` steps.
 */
export function startWalk(walk: CandidateWalk): WalkStep {
  if (walk.agents === undefined) {
    const preferred = preferredOf(walk);
    return preferred === undefined
      ? { kind: "none", reason: "no-routable-agents", presence: "unverified" }
      : offerStep(walk, preferred, "unverified", cursorAfter(walk, walk.cursor.last, {}));
  }
  return openWindow(walk, walk.agents, 0, walk.cursor.last);
}

/**
 * The step after a window's presence was read: `presence` is what the source said about the
 * window's agents (an agent missing from it cannot take the contact), or `undefined` when
 * presence is unknown (throttled, failed, stale, disabled).
 */
export function afterWindowRead(
  walk: CandidateWalk,
  step: ReadWindowStep,
  presence: ReadonlyMap<string, AgentAvailability> | undefined,
  stale?: ReadonlySet<string>,
): WalkStep {
  const { progress } = step;
  const { window } = progress;
  const preferred = window.withPreferred ? preferredOf(walk) : undefined;
  if (presence === undefined) {
    const first = preferred ?? window.ranked.agents[0];
    if (first === undefined) return lastResort(walk, progress.last, progress.windows > 0);
    const cursor =
      first === preferred
        ? cursorAfter(walk, progress.last, {})
        : cursorAfter(walk, progress.last, { last: first.id });
    return offerStep(walk, first, "unverified", cursor);
  }
  const read: WalkProgress = {
    ...progress,
    window: {
      ...window,
      presence,
      open: presence,
      reservations: 0,
      ...(stale === undefined ? {} : { stale }),
    },
  };
  return (
    (window.withPreferred ? choosePreferred(walk, read, 0) : undefined) ??
    chooseInWindow(walk, read)
  );
}

/**
 * The step after a reservation: `taken` when another contact holds the agent. A reservation
 * the source does not support, or one that failed, counts as not taken: the offer stands, as
 * it would without reservations.
 */
export function afterReservation(walk: CandidateWalk, step: ReserveStep, taken: boolean): WalkStep {
  if (!taken) return { kind: "offer", offer: step.offer };
  if (step.ifTaken === "wait-for-them") {
    return { kind: "offer", offer: { ...step.offer, presence: "busy" } };
  }
  if (step.ifTaken === "try-next-preferred") {
    const from = step.progress.window.preferredFrom ?? 0;
    return choosePreferred(walk, step.progress, from) ?? chooseInWindow(walk, step.progress);
  }
  const { window } = step.progress;
  const open = new Map(window.open);
  open.delete(step.offer.agent.id);
  return chooseInWindow(walk, { ...step.progress, window: { ...window, open } });
}

/** The next window after `last`, or the last resort when there is none or the windows are spent. */
function openWindow(
  walk: CandidateWalk,
  agents: readonly Agent[],
  windows: number,
  last: string | undefined,
): WalkStep {
  if (windows >= maxWindowsPerWalk) return lastResort(walk, last, true);
  const preferred = windows === 0 ? rankedPreferred(walk) : [];
  const ranked = rankedCandidates(agents, {
    ...query(walk, last),
    limit: Math.max(0, walk.presenceWindow - preferred.length),
  });
  const ids = [...preferred.map((agent) => agent.id), ...ranked.agents.map((agent) => agent.id)];
  if (ids.length === 0) return lastResort(walk, last, windows > 0);
  return {
    kind: "read-window",
    agentIds: ids,
    progress: {
      windows: windows + 1,
      last,
      window: { ranked, withPreferred: preferred.length > 0, reservations: 0 },
    },
  };
}

/**
 * Chooses the agent to reserve among the window's open agents; once nobody is left (or the
 * reservations are spent), offers a held agent of the last window, or opens the next window.
 */
function chooseInWindow(walk: CandidateWalk, progress: WalkProgress): WalkStep {
  const { window } = progress;
  const rule = choiceRule(walk);
  if (window.open !== undefined && window.reservations < maxReservationsPerWindow) {
    const choice = chooseAvailable(
      window.ranked.agents,
      window.open,
      walk.channel,
      rule,
      walk.claim,
    );
    if (choice.kind === "available") {
      return {
        kind: "reserve-then-offer",
        offer: walkOffer(
          walk,
          choice.agent,
          "verified",
          cursorAfterChoice(walk, progress.last, choice.agent, choice.inOrder),
        ),
        ifTaken: "choose-another",
        progress: { ...progress, window: { ...window, reservations: window.reservations + 1 } },
      };
    }
  }
  if (!window.ranked.more) {
    // Every free agent left is held by another contact: offer one all the same, as without
    // reservations (the contact waits for them), rather than send it to the fallback queue.
    const held = chooseAvailable(
      window.ranked.agents,
      window.presence ?? new Map(),
      walk.channel,
      rule,
    );
    if (held.kind === "all-busy") {
      return { kind: "none", reason: "no-agent-available", presence: "verified" };
    }
    return offerStep(
      walk,
      held.agent,
      "verified",
      cursorAfterChoice(walk, progress.last, held.agent, held.inOrder),
    );
  }
  // Everyone in this window is busy: they are passed over for the rest of the contact.
  const lastOfWindow = window.ranked.agents[window.ranked.agents.length - 1];
  const agents = walk.agents ?? [];
  return openWindow(walk, agents, progress.windows, lastOfWindow?.id ?? progress.last);
}

/**
 * With the presence windows spent (or presence never asked), the next candidate in rank order,
 * unverified; nobody when no candidate was ever found or none is left.
 */
function lastResort(
  walk: CandidateWalk,
  last: string | undefined,
  sawCandidate: boolean,
): WalkStep {
  if (!sawCandidate) {
    return {
      kind: "none",
      reason: walk.step === "next" ? "candidates-exhausted" : "no-routable-agents",
      presence: "unverified",
    };
  }
  const [candidate] = rankedCandidates(walk.agents ?? [], {
    ...query(walk, last),
    limit: 1,
  }).agents;
  if (candidate === undefined) {
    return { kind: "none", reason: "no-agent-available", presence: "verified" };
  }
  return offerStep(walk, candidate, "unverified", cursorAfter(walk, last, { last: candidate.id }));
}

/** The rank query of the walk after `last`, without its limit. */
function query(
  walk: CandidateWalk,
  last: string | undefined,
): {
  readonly seed: number;
  readonly after?: string;
  readonly exclude: readonly string[];
  readonly keys?: Float64Array;
} {
  const { excluded } = walk.cursor;
  return {
    seed: walk.cursor.seed,
    ...(last === undefined ? {} : { after: last }),
    exclude:
      walk.excludedByCustomer.length === 0 ? excluded : [...excluded, ...walk.excludedByCustomer],
    ...(walk.keys === undefined ? {} : { keys: walk.keys }),
  };
}

/**
 * The returning caller's agents from the `from`-th in rank order: the first whose reading is
 * stale is offered unverified; the first who can take the contact is reserved (if held by
 * another contact: waited for, or the next one tried); the first on shift but busy is offered
 * to wait for when the wait is on. `undefined` when none of them will do: the window's
 * new-caller order decides.
 */
function choosePreferred(
  walk: CandidateWalk,
  progress: WalkProgress,
  from: number,
): WalkStep | undefined {
  const { window } = progress;
  const agents = rankedPreferred(walk);
  const wait = walk.waitForPreferred === true;
  const cursor = cursorAfter(walk, progress.last, {});
  for (let index = from; index < agents.length; index += 1) {
    const agent = agents[index] as Agent;
    const verdict = preferredAgentVerdict(window.presence?.get(agent.id), {
      trusted: window.stale?.has(agent.id) !== true,
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
      progress: { ...progress, window: { ...window, preferredFrom: index + 1 } },
    };
  }
  return undefined;
}

/** The returning caller's agents in rank order, none the customer excluded. */
function rankedPreferred(walk: CandidateWalk): readonly Agent[] {
  const top = preferredOf(walk);
  if (top === undefined) return [];
  const others = (walk.others ?? []).filter(
    (agent) => agent.id !== top.id && !walk.excludedByCustomer.includes(agent.id),
  );
  return [top, ...others];
}

/** The returning caller's agent, unless the customer excluded them (then nobody is preferred). */
function preferredOf(walk: CandidateWalk): Agent | undefined {
  const { preferred } = walk;
  return preferred !== undefined && walk.excludedByCustomer.includes(preferred.id)
    ? undefined
    : preferred;
}

/** `longest-idle` makes one pick per contact (the first offer after the preferred agent). */
function prefersLongestIdle(walk: CandidateWalk): boolean {
  return walk.strategy === "longest-idle" && walk.cursor.idlePicked !== true;
}

function choiceRule(walk: CandidateWalk): AvailableChoiceRule {
  return prefersLongestIdle(walk)
    ? { kind: "longest-idle", poolSize: walk.idlePoolSize, seed: walk.cursor.seed }
    : { kind: "in-order" };
}

function reasonFor(walk: CandidateWalk, agent: Agent): AgentReason {
  if (walk.step === "next") return "next-candidate";
  const preferred = preferredOf(walk);
  if (preferred === undefined) return "new-caller";
  if (agent === preferred) return "returning-caller";
  return walk.others?.includes(agent) === true ? "ranked-agent" : "preferred-agent-busy";
}

/**
 * The cursor after offering an agent chosen from a window: in rank order it moves `last`
 * forward; out of rank order (a `longest-idle` pick) it excludes the agent instead.
 */
function cursorAfterChoice(
  walk: CandidateWalk,
  last: string | undefined,
  agent: Agent,
  inOrder: boolean,
): RoutingCursor {
  return inOrder
    ? cursorAfter(walk, last, { last: agent.id, idlePicked: prefersLongestIdle(walk) })
    : cursorAfter(walk, last, { exclude: agent.id, idlePicked: true });
}

function cursorAfter(
  walk: CandidateWalk,
  last: string | undefined,
  changes: { readonly last?: string; readonly exclude?: string; readonly idlePicked?: boolean },
): RoutingCursor {
  const { seed, attempts, excluded } = walk.cursor;
  const nextLast = changes.last ?? last;
  const idlePicked = changes.idlePicked === true || walk.cursor.idlePicked === true;
  return {
    seed,
    attempts: attempts + 1,
    ...(nextLast === undefined ? {} : { last: nextLast }),
    excluded: changes.exclude === undefined ? [...excluded] : [...excluded, changes.exclude],
    ...(idlePicked ? { idlePicked: true } : {}),
    ...(walk.excludedByCustomer.length === 0
      ? {}
      : { customerExcluded: [...walk.excludedByCustomer] }),
  };
}

function walkOffer(
  walk: CandidateWalk,
  agent: Agent,
  presence: PresenceState,
  cursor: RoutingCursor,
): WalkOffer {
  return { agent, reason: reasonFor(walk, agent), presence, cursor };
}

function offerStep(
  walk: CandidateWalk,
  agent: Agent,
  presence: PresenceState,
  cursor: RoutingCursor,
): WalkStep {
  return { kind: "offer", offer: walkOffer(walk, agent, presence, cursor) };
}
