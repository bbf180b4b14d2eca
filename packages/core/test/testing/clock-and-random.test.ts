import { describe, expect, it } from "vitest";
import { cryptoRandom } from "../../src/index.js";
import { ManualClock, SeededRandom } from "../../src/testing/index.js";

describe("ManualClock", () => {
  it("moves only when told to", () => {
    // Prepare
    const clock = new ManualClock(1_000);

    // Act
    clock.advance(500);
    const advanced = clock.now();
    clock.set(10);

    // Assess
    expect(advanced).toBe(1_500);
    expect(clock.now()).toBe(10);
    expect(() => clock.set(Number.NaN)).toThrow(RangeError);
  });
});

describe("SeededRandom", () => {
  it("repeats its sequence for the same seed and differs for another", () => {
    // Act
    const draw = (seed: number) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 5 }, () => random.nextUint32());
    };

    // Assess
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it("draws integers in [0, 2^32) spread over the range", () => {
    // Prepare
    const random = new SeededRandom(123);
    const buckets = new Array<number>(16).fill(0);

    // Act
    for (let i = 0; i < 16_000; i += 1) {
      const value = random.nextUint32();
      expect(Number.isInteger(value) && value >= 0 && value < 2 ** 32).toBe(true);
      const bucket = Math.floor(value / 2 ** 28);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }

    // Assess
    expect(Math.min(...buckets)).toBeGreaterThan(850);
    expect(Math.max(...buckets)).toBeLessThan(1150);
  });
});

describe("cryptoRandom", () => {
  it("draws unsigned 32-bit integers", () => {
    const values = Array.from({ length: 20 }, () => cryptoRandom.nextUint32());
    expect(values.every((value) => Number.isInteger(value) && value >= 0 && value < 2 ** 32)).toBe(
      true,
    );
    expect(new Set(values).size).toBeGreaterThan(15);
  });
});
