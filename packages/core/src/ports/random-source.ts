/**
 * A source of randomness, injected so that a seeded run (tests, the simulator) is reproducible.
 */
export interface RandomSource {
  /** A uniformly distributed integer in [0, 2^32). */
  nextUint32(): number;
}
