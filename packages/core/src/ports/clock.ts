/**
 * The source of "now", injected so decisions and tests do not read the wall clock.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/**
 * The wall clock.
 *
 * @example
 * ```ts
 * import { cryptoRandom, StickyRouter, systemClock } from "@connect-affinity/core";
 *
 * const router = new StickyRouter({ clock: systemClock, ... });
 * ```
 */
export const systemClock: Clock = { now: () => Date.now() };
