/**
 * A source of randomness, injected so that a seeded run (tests, the simulator) is reproducible.
 * The domain draws a contact's rendezvous seed from it; `cryptoRandom` is the production source.
 */
export interface RandomSource {
  /** A uniformly distributed integer in [0, 2^32). */
  nextUint32(): number;
}
