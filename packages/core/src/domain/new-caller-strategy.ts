import type { RandomSource } from "./random-source.js";
import { seedFromRandom, seedFromText } from "./rendezvous-rank.js";

/**
 * How agents are ordered for a caller without a usable preferred agent (and after the
 * preferred agent). All three spread load; none starts every caller at the same agent.
 *
 * - `longest-idle`: one of the agents idle longest (when a presence source says so) goes first,
 *   picked at random among the {@link defaultIdlePoolSize | `idlePoolSize`} idle longest, so
 *   concurrent callers who see the same presence do not all queue for the same agent; the rest,
 *   and every tie, in a random rendezvous order.
 * - `random`: a random rendezvous order per contact.
 * - `caller-hash`: a rendezvous order seeded by the caller key, so the same caller meets the
 *   same sequence of agents (stable for the same directory); anonymous callers get a random one.
 */
export const newCallerStrategies = ["longest-idle", "random", "caller-hash"] as const;

/**
 * How many of the agents idle longest the `longest-idle` strategy picks from, by default. One
 * presence snapshot serves many contacts (a presence refresh, a second of agent events), so with
 * a pool of 1 every contact in between picks the same agent and all but one of them meet a busy
 * agent; 5 spreads a burst over five agents while still preferring the ones idle longest.
 */
export const defaultIdlePoolSize = 5;

/** One of {@link newCallerStrategies}. */
export type NewCallerStrategyName = (typeof newCallerStrategies)[number];

/** Whether `value` names a strategy. */
export function isNewCallerStrategy(value: unknown): value is NewCallerStrategyName {
  return typeof value === "string" && (newCallerStrategies as readonly string[]).includes(value);
}

/**
 * The rendezvous seed a contact's candidate order is built from.
 *
 * @example
 * ```ts
 * import { strategySeed } from "./new-caller-strategy.js";
 *
 * const seed = strategySeed("caller-hash", key, random); // same key → same seed
 * ```
 */
export function strategySeed(
  strategy: NewCallerStrategyName,
  callerKey: string | undefined,
  random: RandomSource,
): number {
  if (strategy === "caller-hash" && callerKey !== undefined) return seedFromText(callerKey);
  return seedFromRandom(random);
}
