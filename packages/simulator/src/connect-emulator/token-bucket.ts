import type { ApiQuota } from "./connect-api.js";

/**
 * A token bucket on simulated time: full at first, refilled continuously at `ratePerSecond` up
 * to `burst`; each request takes one token or is throttled. Time comes from the caller, so the
 * simulated clock (not the wall clock) decides when a throttled client may try again.
 */
export class TokenBucket {
  readonly #rate: number;
  readonly #burst: number;
  #tokens: number;
  #at: number;

  constructor(quota: ApiQuota, now: number) {
    if (!Number.isFinite(quota.ratePerSecond) || quota.ratePerSecond <= 0) {
      throw new RangeError(`ratePerSecond must be positive, got ${quota.ratePerSecond}`);
    }
    if (!Number.isFinite(quota.burst) || quota.burst < 1) {
      throw new RangeError(`burst must be at least 1, got ${quota.burst}`);
    }
    this.#rate = quota.ratePerSecond;
    this.#burst = quota.burst;
    this.#tokens = quota.burst;
    this.#at = now;
  }

  /** Takes a token if one is left at `now`; false means throttle. */
  tryTake(now: number): boolean {
    this.#refill(now);
    if (this.#tokens < 1) {
      return false;
    }
    this.#tokens -= 1;
    return true;
  }

  /** Tokens left at `now` (fractional while refilling). */
  available(now: number): number {
    this.#refill(now);
    return this.#tokens;
  }

  #refill(now: number): void {
    if (now > this.#at) {
      this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#at) / 1000) * this.#rate);
      this.#at = now;
    }
  }
}
