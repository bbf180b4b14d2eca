import { describe, expect, it } from "vitest";
import {
  percentage,
  percentile,
  ratio,
  rounded,
  spread,
  wilsonInterval,
} from "../../src/bench/statistics.js";

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

describe("wilsonInterval", () => {
  it("matches the 95 % Wilson interval of known samples", () => {
    // 54 of 59: the figure issue 12 quotes (81.6–96.3 %)
    const quoted = wilsonInterval(54, 59);
    expect(quoted?.low).toBeCloseTo(0.8165, 3);
    expect(quoted?.high).toBeCloseTo(0.9632, 3);
    // 8 of 10: 0.490–0.943 (textbook value)
    const small = wilsonInterval(8, 10);
    expect(small?.low).toBeCloseTo(0.4902, 3);
    expect(small?.high).toBeCloseTo(0.9433, 3);
  });

  it("stays within [0, 1] at the extremes and narrows as n grows", () => {
    const all = wilsonInterval(300, 300);
    expect(all?.high).toBe(1);
    expect(all?.low).toBeGreaterThan(0.98);
    const none = wilsonInterval(0, 20);
    expect(none?.low).toBe(0);
    const wide = wilsonInterval(45, 50);
    const narrow = wilsonInterval(900, 1000);
    expect((narrow?.high ?? 1) - (narrow?.low ?? 0)).toBeLessThan(
      (wide?.high ?? 1) - (wide?.low ?? 0),
    );
  });

  it("has no interval without trials and refuses impossible counts", () => {
    expect(wilsonInterval(0, 0)).toBeUndefined();
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 4)).toThrow(RangeError);
  });
});
