import { agentKey, agentRank, compareRanked } from "./rendezvous-rank.js";

/**
 * How the index of agents who can take a contact is split: each channel's index is spread over
 * `shards` partitions by a hash of the agent ID, so the writes of a busy floor spread over
 * several partitions instead of one hot key, and a router reads one shard at a time.
 *
 * @packageDocumentation
 */

/** The most shards an index may have. */
export const maxIndexShards = 16;

/**
 * Shards by default: four partitions take four times the writes of one (DynamoDB serves about
 * 1,000 writes a second per partition key), and a router that finds one shard empty reads at
 * most three more.
 */
export const defaultIndexShards = 4;

/**
 * Shards a walk reads at most before it gives up: every shard of a default index, so a floor
 * with only a few free agents still finds them, and never more than this, so the reads of one
 * route stay bounded whatever the shard count.
 */
export const maxShardReadsPerWalk = 4;

/**
 * The shard an agent's index entries live in: a stable hash of the agent ID, so every writer
 * (the stream's consumer, the roster refresher) puts the agent in the same place.
 *
 * @throws {RangeError} when `shards` is not an integer from 1 to {@link maxIndexShards}.
 * @example
 * ```ts
 * import { shardOf } from "./agent-index-layout.js";
 *
 * shardOf("6b1f…", 4); // 0, 1, 2 or 3, the same every time
 * ```
 */
export function shardOf(agentId: string, shards: number): number {
  checkShards(shards);
  return agentKey(agentId) % shards;
}

/**
 * The order in which a contact reads the shards: a rendezvous ranking of the shards by the
 * contact's seed, so contacts spread evenly over the shards, and a `caller-hash` caller starts
 * at the same shard every time.
 *
 * @throws {RangeError} when `shards` is not an integer from 1 to {@link maxIndexShards}.
 */
export function shardOrder(seed: number, shards: number): readonly number[] {
  checkShards(shards);
  return Array.from({ length: shards }, (_, shard) => ({
    shard,
    rank: agentRank(seed, `shard:${shard}`),
  }))
    .sort((a, b) => compareRanked(a.rank, String(a.shard), b.rank, String(b.shard)))
    .map((entry) => entry.shard);
}

/** Whether `shards` is a shard count an index may have. */
export function isShardCount(shards: unknown): shards is number {
  return (
    typeof shards === "number" &&
    Number.isInteger(shards) &&
    shards >= 1 &&
    shards <= maxIndexShards
  );
}

function checkShards(shards: number): void {
  if (!isShardCount(shards)) {
    throw new RangeError(`shard count ${shards} is not an integer from 1 to ${maxIndexShards}`);
  }
}
