import { describe, expect, it } from "vitest";
import { percentage, percentile, ratio, rounded, spread } from "../../src/bench/statistics.js";

describe("percentile", () => {
  it("takes the nearest rank, so p50 of an odd count is the middle value", () => {
    // Prepare
    const values = [5, 1, 3, 2, 4];
    // Act
    const p50 = percentile(values, 50);
    // Assess
    expect(p50).toBe(3);
  });

  it("gives the largest value as p99 of fewer than a hundred values", () => {
    expect(percentile([1, 2, 3, 4, 100], 99)).toBe(100);
  });

  it("gives the 99th of 100 sorted values as p99", () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(percentile(values, 99)).toBe(99);
  });

  it("has no percentile without values", () => {
    expect(percentile([], 50)).toBeUndefined();
  });

  it("refuses a percentile outside (0, 100]", () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe("spread", () => {
  it("is 1 when every agent who received callers received as many", () => {
    expect(
      spread(
        new Map([
          ["a", 2],
          ["b", 2],
          ["c", 2],
        ]),
      ),
    ).toBe(1);
  });

  it("is the busiest agent's count over the mean of the agents who received any", () => {
    // Prepare: 4 + 1 + 1 = 6 over 3 receivers, mean 2; "d" received none and is left out.
    const counts = new Map([
      ["a", 4],
      ["b", 1],
      ["c", 1],
      ["d", 0],
    ]);
    // Act
    const value = spread(counts);
    // Assess
    expect(value).toBe(2);
  });

  it("has no spread when nobody received a caller", () => {
    expect(spread(new Map([["a", 0]]))).toBeUndefined();
  });
});

describe("ratios", () => {
  it("divides, and has no ratio or percentage over zero", () => {
    expect(ratio(3, 4)).toBe(0.75);
    expect(percentage(1, 8)).toBe(12.5);
    expect(ratio(1, 0)).toBeUndefined();
    expect(percentage(1, 0)).toBeUndefined();
  });

  it("rounds to the digits asked and keeps a missing value as null", () => {
    expect(rounded(1.23456, 2)).toBe(1.23);
    expect(rounded(undefined)).toBeNull();
  });
});
