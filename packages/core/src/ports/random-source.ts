import { webcrypto } from "node:crypto";

/**
 * A source of randomness, injected so that a seeded run (tests, the simulator) is reproducible.
 */
export interface RandomSource {
  /** A uniformly distributed integer in [0, 2^32). */
  nextUint32(): number;
}

/**
 * Randomness from the operating system (`node:crypto`), for production.
 *
 * @example
 * ```ts
 * const router = new StickyRouter({ random: cryptoRandom, ... });
 * ```
 */
export const cryptoRandom: RandomSource = {
  nextUint32: () => {
    const value = new Uint32Array(1);
    webcrypto.getRandomValues(value);
    return value[0] ?? 0;
  },
};
