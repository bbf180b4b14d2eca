import type { RandomSource } from "../domain/random-source.js";

/**
 * A small deterministic {@link RandomSource}: the same seed gives the same sequence, so a test
 * or a simulation run is reproducible. A 32-bit linear congruential state with a murmur3-style
 * output mix; fine for spreading load, not for secrets.
 *
 * @example
 * ```ts
 * import { SeededRandom } from "@connect-affinity/core/testing";
 *
 * const random = new SeededRandom(42);
 * random.nextUint32(); // always the same first value for seed 42
 * ```
 */
export class SeededRandom implements RandomSource {
  #state: number;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`SeededRandom: ${seed} is not a finite seed`);
    this.#state = Math.trunc(seed) >>> 0;
  }

  nextUint32(): number {
    this.#state = (Math.imul(this.#state, 1_664_525) + 1_013_904_223) >>> 0;
    let x = this.#state;
    x ^= x >>> 16;
    x = Math.imul(x, 0x7feb_352d);
    x ^= x >>> 15;
    x = Math.imul(x, 0x846c_a68b);
    x ^= x >>> 16;
    return x >>> 0;
  }
}
