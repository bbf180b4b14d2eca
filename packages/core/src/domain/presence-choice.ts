import type { Agent, Channel } from "./agent.js";
import type { AgentAvailability } from "./agent-availability.js";

/**
 * The contact a choice is made for, and when: an agent reserved by another contact until after
 * `now` is not available to it.
 */
export interface ReservationClaim {
  readonly contactId: string;
  /** Epoch ms. */
  readonly now: number;
}

/**
 * Whether an agent can be offered a contact on `channel` now: their status is routable, they
 * have a free slot on that channel, and (given a `claim`) no other contact holds an unexpired
 * reservation on them. Unknown presence (`undefined`) counts as "no", because a presence source
 * that answered without the agent means the agent is not available.
 *
 * @example
 * ```ts
 * import { canTakeContact } from "./presence-choice.js";
 *
 * canTakeContact({ routable: true, availableSlots: { VOICE: 1 } }, "VOICE"); // true
 * canTakeContact(
 *   { routable: true, availableSlots: { VOICE: 1 }, reservedUntil: 5_000, reservedBy: "c-1" },
 *   "VOICE",
 *   { contactId: "c-2", now: 1_000 },
 * ); // false: c-1 holds the agent until 5 s
 * ```
 */
export function canTakeContact(
  availability: AgentAvailability | undefined,
  channel: Channel,
  claim?: ReservationClaim,
): boolean {
  if (availability === undefined || !availability.routable) return false;
  const slots = availability.availableSlots[channel];
  if (slots === undefined || slots <= 0) return false;
  return claim === undefined || !reservedByAnother(availability, claim);
}

/**
 * What a returning caller's ranked agent's presence reading makes of them, the rule both
 * candidate walks apply to each of the caller's agents in rank order:
 * - `unverified`: the reading is not to be trusted (unknown to the index, or older than the
 *   source's freshness bound): offer them anyway and let the flow's staffing check decide;
 * - `reserve`: they can take the contact: reserve them, then offer;
 * - `busy`: routable but busy, or held by another contact, and the bounded wait is on: offer
 *   them for the caller to wait for;
 * - `pass`: none of these (not routable, on a break, or busy with the wait off): try the next.
 */
export type PreferredAgentVerdict = "unverified" | "reserve" | "busy" | "pass";

/** The {@link PreferredAgentVerdict} on one of a returning caller's agents. */
export function preferredAgentVerdict(
  reading: AgentAvailability | undefined,
  options: {
    /** Whether the reading is current enough to decide on (else `unverified`). */
    readonly trusted: boolean;
    readonly channel: Channel;
    readonly claim: ReservationClaim;
    /** The bounded wait is on (the router's `preferredWaitSeconds` above 0). */
    readonly waitForPreferred: boolean;
  },
): PreferredAgentVerdict {
  if (!options.trusted) return "unverified";
  if (canTakeContact(reading, options.channel, options.claim)) return "reserve";
  return options.waitForPreferred && reading?.routable === true ? "busy" : "pass";
}

/** Whether another contact than `claim`'s holds an unexpired reservation on the agent. */
export function reservedByAnother(
  availability: AgentAvailability,
  claim: ReservationClaim,
): boolean {
  const { reservedUntil, reservedBy, reservedAt, idleSince } = availability;
  if (reservedUntil === undefined || reservedUntil <= claim.now || reservedBy === claim.contactId) {
    return false;
  }
  // Idle again since the reservation: the agent served its contact already (short calls).
  return !(reservedAt !== undefined && idleSince !== undefined && idleSince > reservedAt);
}

/**
 * The outcome of looking at one window of candidates with known presence.
 *
 * - `available`: `agent` can take the contact. `inOrder` is `true` when it is the first such
 *   agent of the window (every agent before it is known busy), `false` when the `longest-idle`
 *   rule took it out of rank order.
 * - `all-busy`: nobody in the window can take the contact.
 */
export type WindowChoice =
  | { readonly kind: "available"; readonly agent: Agent; readonly inOrder: boolean }
  | { readonly kind: "all-busy" };

/**
 * How {@link chooseAvailable} picks among the agents of a window who can take the contact.
 *
 * - `in-order`: the first of them in candidate order.
 * - `longest-idle`: one of the `poolSize` agents idle longest (earliest `idleSince`; agents
 *   without `idleSince` after them, in candidate order), picked uniformly from `seed` (the
 *   contact's rendezvous seed), so the same contact always picks the same agent and concurrent
 *   contacts seeing the same presence spread over the pool instead of all taking the one agent
 *   idle longest. `poolSize` 1 takes the agent idle longest.
 */
export type AvailableChoiceRule =
  | { readonly kind: "in-order" }
  | { readonly kind: "longest-idle"; readonly poolSize: number; readonly seed: number };

/**
 * Chooses from a window of candidates (in candidate order) the one to offer, by `rule`. Given a
 * `claim`, agents other contacts have reserved are passed over.
 *
 * @throws {RangeError} when a `longest-idle` pool size is not a positive integer.
 * @example
 * ```ts
 * import { chooseAvailable } from "./presence-choice.js";
 *
 * const choice = chooseAvailable(window, lookup.agents, "VOICE", {
 *   kind: "longest-idle",
 *   poolSize: 5,
 *   seed: cursor.seed,
 * });
 * ```
 */
export function chooseAvailable(
  window: readonly Agent[],
  availability: ReadonlyMap<string, AgentAvailability>,
  channel: Channel,
  rule: AvailableChoiceRule,
  claim?: ReservationClaim,
): WindowChoice {
  if (rule.kind === "longest-idle" && (!Number.isInteger(rule.poolSize) || rule.poolSize < 1)) {
    throw new RangeError(`chooseAvailable: pool size ${rule.poolSize} is not a positive integer`);
  }
  const candidates: { readonly agent: Agent; readonly idleSince: number }[] = [];
  for (const agent of window) {
    const state = availability.get(agent.id);
    if (!canTakeContact(state, channel, claim)) continue;
    candidates.push({ agent, idleSince: state?.idleSince ?? Number.POSITIVE_INFINITY });
    if (rule.kind === "in-order") break;
  }
  const first = candidates[0];
  if (first === undefined) return { kind: "all-busy" };
  if (rule.kind === "in-order") return { kind: "available", agent: first.agent, inOrder: true };
  // Array.prototype.sort is stable: ties and unknown idle times keep candidate order.
  const pool = candidates
    .sort((a, b) => (a.idleSince === b.idleSince ? 0 : a.idleSince < b.idleSince ? -1 : 1))
    .slice(0, rule.poolSize);
  const chosen = pool[poolIndex(rule.seed, pool.length)] ?? first;
  return { kind: "available", agent: chosen.agent, inOrder: chosen === first };
}

/**
 * A position in [0, size) from a contact's seed. The seed is mixed first (murmur3's finaliser
 * over both halves) so the pick does not follow the seed's low bits, which also drive the
 * candidate ranks.
 */
function poolIndex(seed: number, size: number): number {
  if (size <= 1) return 0;
  let x = (Math.floor(seed / 2 ** 32) ^ Math.imul(seed >>> 0, 0x9e37_79b1)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85eb_ca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2_ae35);
  x ^= x >>> 16;
  return (x >>> 0) % size;
}
