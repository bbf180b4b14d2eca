import { describe, expect, it } from "vitest";
import { TokenBucket } from "../../src/connect-emulator/token-bucket.js";

describe("TokenBucket", () => {
  it("starts full, refills at the rate and never holds more than the burst", () => {
    // Prepare
    const bucket = new TokenBucket({ ratePerSecond: 2, burst: 5 }, 0);

    // Act
    const first = Array.from({ length: 6 }, () => bucket.tryTake(0));
    const afterQuarterSecond = bucket.tryTake(250);
    const afterHalfSecond = bucket.tryTake(500);
    const afterAnHour = bucket.available(3_600_000);

    // Assess
    expect(first).toEqual([true, true, true, true, true, false]);
    expect(afterQuarterSecond).toBe(false);
    expect(afterHalfSecond).toBe(true);
    expect(afterAnHour).toBe(5);
  });

  it("refuses a quota that could never serve a request", () => {
    // Assess
    expect(() => new TokenBucket({ ratePerSecond: 0, burst: 5 }, 0)).toThrow(RangeError);
    expect(() => new TokenBucket({ ratePerSecond: 2, burst: 0.5 }, 0)).toThrow(RangeError);
  });
});
