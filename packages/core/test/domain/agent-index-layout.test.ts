import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isShardCount,
  maxIndexShards,
  shardOf,
  shardOrder,
} from "../../src/domain/agent-index-layout.js";

describe("the agent index's shards", () => {
  it("puts an agent in the same shard every time, within the shard count", () => {
    fc.assert(
      fc.property(fc.uuid(), fc.integer({ min: 1, max: maxIndexShards }), (id, shards) => {
        const shard = shardOf(id, shards);
        expect(shard).toBe(shardOf(id, shards));
        expect(shard).toBeGreaterThanOrEqual(0);
        expect(shard).toBeLessThan(shards);
      }),
    );
  });

  it("spreads agents evenly over the shards", () => {
    // Prepare
    const counts = [0, 0, 0, 0];

    // Act
    for (let agent = 0; agent < 20_000; agent += 1) {
      const shard = shardOf(`agent-${agent}`, 4);
      counts[shard] = (counts[shard] ?? 0) + 1;
    }

    // Assess: each shard within 5 % of a quarter.
    for (const count of counts) expect(Math.abs(count - 5_000)).toBeLessThan(250);
  });

  it("orders every shard once per contact, starting contacts evenly over the shards", () => {
    // Prepare
    const firsts = [0, 0, 0, 0];

    // Act
    for (let seed = 0; seed < 8_000; seed += 1) {
      const order = shardOrder(seed * 7_919, 4);
      expect([...order].sort()).toEqual([0, 1, 2, 3]);
      const [first = -1] = order;
      firsts[first] = (firsts[first] ?? 0) + 1;
    }

    // Assess
    for (const count of firsts) expect(Math.abs(count - 2_000)).toBeLessThan(200);
  });

  it("refuses a shard count outside 1–16", () => {
    expect(isShardCount(0)).toBe(false);
    expect(isShardCount(17)).toBe(false);
    expect(isShardCount(2.5)).toBe(false);
    expect(() => shardOf("a", 0)).toThrow(RangeError);
    expect(() => shardOrder(1, 17)).toThrow(RangeError);
  });
});
