import type { Clock } from "@connect-affinity/core";

/** Called after the clock moved, with the new and the previous time (epoch ms). */
export type ClockListener = (now: number, previous: number) => void;

/** 2026-01-05 09:00 UTC, a Monday morning: a fixed origin keeps seeded runs reproducible. */
export const defaultSimulationStart = Date.UTC(2026, 0, 5, 9, 0, 0);

/**
 * A clock moved only by the simulation. Quotas, agent schedules, call arrivals and the handlers'
 * own clocks all read this one, so a busy hour runs in seconds and a seeded run repeats exactly.
 *
 * It never goes backwards: `advanceTo` an earlier time is a mistake in the caller (two drivers
 * disagreeing about "now") and throws rather than silently reordering events.
 */
export class SimulatedClock implements Clock {
  /** The simulation's origin (epoch ms); schedules and faults count from here. */
  readonly start: number;
  #now: number;
  readonly #listeners = new Set<ClockListener>();

  constructor(start: number = defaultSimulationStart) {
    if (!Number.isFinite(start)) {
      throw new RangeError(`SimulatedClock: start ${start} is not a finite epoch ms`);
    }
    this.start = start;
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  /** Milliseconds since `start`. */
  elapsed(): number {
    return this.#now - this.start;
  }

  /** Moves to `ms` (epoch ms). Moving to the current time is allowed and changes nothing. */
  advanceTo(ms: number): void {
    if (!Number.isFinite(ms)) {
      throw new RangeError(`SimulatedClock: cannot advance to ${ms}`);
    }
    if (ms < this.#now) {
      throw new RangeError(
        `SimulatedClock: cannot go back from ${new Date(this.#now).toISOString()} to ${new Date(ms).toISOString()}`,
      );
    }
    if (ms === this.#now) {
      return;
    }
    const previous = this.#now;
    this.#now = ms;
    for (const listener of [...this.#listeners]) {
      listener(ms, previous);
    }
  }

  /** Moves forward by `ms` (≥ 0). */
  advanceBy(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`SimulatedClock: cannot advance by ${ms}`);
    }
    this.advanceTo(this.#now + ms);
  }

  /** Calls `listener` after every move; returns the function that unsubscribes it. */
  onAdvance(listener: ClockListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}
