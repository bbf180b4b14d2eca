import type { RandomSource } from "./random-source.js";

/**
 * Rendezvous (highest-random-weight) ranking: every agent gets a pseudo-random rank from
 * `(seed, agent ID)` alone, and candidates are taken in ascending rank. Because a rank does not
 * depend on the other agents, the order of the agents who remain is unchanged when agents join
 * or leave, which is what lets a small cursor continue an order across calls.
 *
 * The hash is a small non-cryptographic mixer (two multiply-xor lanes over the ID, murmur3-style
 * finalisers), chosen for speed: ranking thousands of agents per contact must cost microseconds,
 * and nothing here needs to resist an adversary.
 *
 * @packageDocumentation
 */

const twoTo32 = 4_294_967_296;
const mask21 = 0x1f_ffff;

/** The largest seed or rank plus one: ranks and seeds are integers in [0, 2^53). */
export const rankSpace = 2 ** 53;

function fmix32(input: number): number {
  let x = input;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85eb_ca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2_ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

function join53(high: number, low: number): number {
  return (high & mask21) * twoTo32 + (low >>> 0);
}

/**
 * A 53-bit hash of a string, independent of any seed. {@link rankOf} mixes it with a seed;
 * computing it once per agent and caching it makes ranking a roster cheap.
 *
 * @example
 * ```ts
 * import { agentKey } from "./rendezvous-rank.js";
 *
 * const key = agentKey("6b1f…"); // an integer in [0, 2^53)
 * ```
 */
export function agentKey(id: string): number {
  let a = 0x811c_9dc5 ^ id.length;
  let b = 0x2545_f491;
  for (let i = 0; i < id.length; i += 1) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x0100_0193);
    b = Math.imul(b ^ c, 0x5bd1_e995);
  }
  const low = fmix32(a ^ Math.imul(b, 0x9e37_79b1));
  const high = fmix32(b ^ low);
  return join53(high, low);
}

/**
 * The keys of many agents at once, aligned with `ids`; pass them to the ranking functions so a
 * cached roster is hashed once, not on every contact.
 */
export function agentKeys(ids: readonly { readonly id: string }[]): Float64Array {
  const keys = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i += 1) {
    const entry = ids[i];
    if (entry !== undefined) keys[i] = agentKey(entry.id);
  }
  return keys;
}

/**
 * A seed prepared for ranking many keys (its own mixing done once).
 */
export interface PreparedSeed {
  readonly low: number;
  readonly high: number;
}

/** Mixes a seed once, so each rank costs only the per-key mixing. */
export function prepareSeed(seed: number): PreparedSeed {
  const low = fmix32((seed >>> 0) ^ 0x9e37_79b9);
  const high = fmix32(Math.floor(seed / twoTo32) ^ 0x7f4a_7c15 ^ low);
  return { low, high };
}

/**
 * The rank of the agent whose {@link agentKey} is `key`, for a prepared seed: an integer in
 * [0, 2^53). Lower ranks are offered first.
 */
export function rankOf(seed: PreparedSeed, key: number): number {
  let a = fmix32(seed.low ^ (key >>> 0));
  const b = fmix32(seed.high ^ Math.floor(key / twoTo32) ^ a);
  a = fmix32(a ^ Math.imul(b, 0x27d4_eb2f) ^ 0x632b_e5ab);
  return join53(fmix32(b ^ a), a);
}

/**
 * The rank of agent `agentId` under `seed`: the convenient, uncached form of {@link rankOf}.
 *
 * @example
 * ```ts
 * import { agentRank } from "./rendezvous-rank.js";
 *
 * agentRank(42, "agent-a") < agentRank(42, "agent-b"); // "agent-a" comes first under seed 42?
 * ```
 */
export function agentRank(seed: number, agentId: string): number {
  return rankOf(prepareSeed(seed), agentKey(agentId));
}

/**
 * A seed derived from text (the `caller-hash` strategy hashes the caller key), in [0, 2^53).
 */
export function seedFromText(text: string): number {
  return agentKey(`seed:${text}`);
}

/** A seed drawn from a random source, in [0, 2^53). */
export function seedFromRandom(random: RandomSource): number {
  const high = random.nextUint32();
  const low = random.nextUint32();
  return join53(high, low);
}

/**
 * Total order on ranked agents: rank first, agent ID to break the (rare) tie, so no two
 * distinct agents are ever "equal" and a cursor never skips or repeats one.
 */
export function compareRanked(rankA: number, idA: string, rankB: number, idB: string): number {
  if (rankA !== rankB) return rankA < rankB ? -1 : 1;
  if (idA === idB) return 0;
  return idA < idB ? -1 : 1;
}
