import { webcrypto } from "node:crypto";
import type { RandomSource } from "../domain/random-source.js";

/**
 * Randomness from the operating system (`node:crypto`), for production.
 *
 * @example
 * ```ts
 * import { cryptoRandom, StickyRouter, systemClock } from "@connect-affinity/core";
 *
 * const router = new StickyRouter({ store, directory, presence, clock: systemClock, random: cryptoRandom });
 * ```
 */
export const cryptoRandom: RandomSource = {
  nextUint32: () => {
    const value = new Uint32Array(1);
    webcrypto.getRandomValues(value);
    return value[0] ?? 0;
  },
};
