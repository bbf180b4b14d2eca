import type { Clock } from "../ports/clock.js";

/**
 * A {@link Clock} that moves only when told to, for tests and simulations.
 *
 * @example
 * ```ts
 * import { ManualClock } from "@connect-affinity/core/testing";
 *
 * const clock = new ManualClock(Date.UTC(2026, 0, 1));
 * clock.advance(91 * 24 * 3600 * 1000); // the affinity has expired
 * ```
 */
export class ManualClock implements Clock {
  #now: number;

  constructor(startMs = 0) {
    this.#now = checked(startMs);
  }

  now(): number {
    return this.#now;
  }

  /** Moves the clock forward (or back, with a negative amount) by `ms`. */
  advance(ms: number): void {
    this.#now = checked(this.#now + ms);
  }

  /** Sets the clock to `ms` since the epoch. */
  set(ms: number): void {
    this.#now = checked(ms);
  }
}

function checked(ms: number): number {
  if (!Number.isFinite(ms)) throw new RangeError(`ManualClock: ${ms} is not a finite time`);
  return ms;
}
