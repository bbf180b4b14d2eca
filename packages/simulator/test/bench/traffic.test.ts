import { describe, expect, it } from "vitest";
import { type Distribution, sample } from "../../src/bench/distribution.js";
import {
  defaultTrafficModel,
  generateTraffic,
  plannedLoad,
  type TrafficModel,
  type TrafficSpec,
} from "../../src/bench/traffic.js";

/** A floor big enough to carry 4-minute calls at 2 contacts/s, so nothing is scaled. */
const spec: TrafficSpec = {
  seed: 7,
  agents: 1000,
  ratePerSecond: 2,
  durationMs: 600_000,
  model: defaultTrafficModel,
};

const mean = (values: readonly number[]): number =>
  values.reduce((total, value) => total + value, 0) / values.length;

function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("distributions", () => {
  it.each<[string, Distribution, number]>([
    ["lognormal", { kind: "lognormal", meanMs: 240_000, sigma: 0.8 }, 240_000],
    ["exponential", { kind: "exponential", meanMs: 30_000 }, 30_000],
    ["uniform", { kind: "uniform", minMs: 30_000, maxMs: 300_000 }, 165_000],
  ])(
    "draws %s durations whose mean is the asked mean, within 3 %, over 20,000 seeded draws",
    (_, distribution, expected) => {
      const uniform = seededUniform(11);
      const draws = Array.from({ length: 20_000 }, () => sample(distribution, uniform));
      expect(Math.abs(mean(draws) / expected - 1)).toBeLessThan(0.03);
      expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    },
  );

  it("cuts draws at the cap (an ACW timeout)", () => {
    const uniform = seededUniform(3);
    const capped = { kind: "lognormal", meanMs: 30_000, sigma: 1.5, maxMs: 120_000 } as const;
    const draws = Array.from({ length: 5000 }, () => sample(capped, uniform));
    expect(Math.max(...draws)).toBe(120_000);
  });
});

describe("generateTraffic", () => {
  it("gives every system the same traffic for the same seed", () => {
    expect(generateTraffic(spec)).toEqual(generateTraffic(spec));
  });

  it("draws talk times with a mean of about 4 minutes and after-contact work of about 30 s", () => {
    // Act
    const { calls, load } = generateTraffic(spec);
    // Assess: ~1,260 calls; the lognormal's spread makes the sample mean vary ±5 % or so.
    expect(load.handleTimeScale).toBe(1);
    expect(mean(calls.map((call) => call.talkTimeMs)) / 240_000).toBeGreaterThan(0.88);
    expect(mean(calls.map((call) => call.talkTimeMs)) / 240_000).toBeLessThan(1.12);
    expect(mean(calls.map((call) => call.afterContactWorkMs)) / 30_000).toBeGreaterThan(0.9);
    expect(mean(calls.map((call) => call.afterContactWorkMs)) / 30_000).toBeLessThan(1.1);
    expect(Math.max(...calls.map((call) => call.afterContactWorkMs))).toBeLessThanOrEqual(120_000);
  });

  it("sends calls at about the asked rate, about 70 % of them from returning callers", () => {
    // Act
    const { calls } = generateTraffic(spec);
    // Assess: 630 s × 2/s = 1,260 calls expected; a Poisson count stays well within ±10 %.
    expect(calls.length).toBeGreaterThan(1134);
    expect(calls.length).toBeLessThan(1386);
    const returning = calls.filter((call) => call.kind === "returning").length / calls.length;
    expect(returning).toBeGreaterThan(0.65);
    expect(returning).toBeLessThan(0.75);
    expect(
      calls.every((call, index) => index === 0 || (calls[index - 1]?.atMs ?? 0) <= call.atMs),
    ).toBe(true);
  });

  it("counts only the calls after the warm-up, and starts the measured interval there", () => {
    const traffic = generateTraffic(spec);
    expect(traffic.measuredFromMs).toBe(10_000);
    expect(traffic.measuredUntilMs).toBe(610_000);
    for (const call of traffic.calls) {
      expect(call.measured).toBe(call.atMs >= 10_000 && call.atMs < 610_000);
    }
  });

  it("draws each returning caller from a history that ended at least 10 minutes before, and nobody calls twice", () => {
    // Act
    const traffic = generateTraffic(spec);
    // Assess
    const history = new Map(traffic.history.map((entry) => [entry.number, entry]));
    const numbers = traffic.calls.map((call) => call.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const call of traffic.calls) {
      const entry = history.get(call.number);
      if (call.kind === "returning") {
        expect(entry?.agoMs).toBeGreaterThanOrEqual(600_000);
        expect(entry?.agoMs).toBeLessThanOrEqual(30 * 86_400_000);
      } else {
        expect(entry).toBeUndefined();
      }
    }
  });

  it("redials only when a redial share is given, the same number later", () => {
    const withRedials: TrafficModel = { ...defaultTrafficModel, redialShare: 0.2 };
    const traffic = generateTraffic({ ...spec, model: withRedials });
    const redials = traffic.calls.filter((call) => call.kind === "redial");
    const share = redials.length / traffic.calls.filter((call) => call.kind !== "redial").length;
    expect(share).toBeGreaterThan(0.12);
    expect(share).toBeLessThan(0.2);
    for (const redial of redials) {
      const first = traffic.calls.find(
        (call) => call.number === redial.number && call.kind !== "redial",
      );
      expect(first?.atMs).toBeLessThan(redial.atMs);
    }
  });

  it("starts the floor mid-shift: about 85 % logged in, some on breaks, heartbeats staggered", () => {
    // Act
    const { agents } = generateTraffic(spec);
    // Assess
    const at0 = agents.map((agent) => agent.schedule[0]?.status);
    const loggedIn = at0.filter((status) => status !== "Offline").length / agents.length;
    const onBreak = at0.filter((status) => status === "Break" || status === "Lunch").length;
    expect(loggedIn).toBeGreaterThan(0.8);
    expect(loggedIn).toBeLessThan(0.9);
    // Breaks are 1 hour of an 8.5-hour shift: about 100 of the 850 logged in.
    expect(onBreak).toBeGreaterThan(60);
    expect(onBreak).toBeLessThan(140);
    const offsets = agents.map((agent) => agent.heartbeatOffsetMs);
    expect(Math.min(...offsets)).toBeLessThan(10_000);
    expect(Math.max(...offsets)).toBeGreaterThan(110_000);
    // Some shift changes and breaks fall within the ten minutes.
    expect(agents.some((agent) => agent.schedule.length > 1)).toBe(true);
  });

  it("puts about the expected busy share of routable agents on a call at the start", () => {
    // Act
    const traffic = generateTraffic(spec);
    // Assess: 2/s × 270 s = 540 Erlangs over ~744 routable agents
    const routable = traffic.agents.filter((agent) => agent.schedule[0]?.status === "Available");
    const busy = traffic.inProgress.length / routable.length;
    expect(traffic.load.occupancy).toBeCloseTo(540 / traffic.load.routableAgents, 3);
    expect(Math.abs(busy - traffic.load.occupancy)).toBeLessThan(0.06);
  });

  it("scales handle times only when the floor cannot carry them (load carried), and says by how much", () => {
    const busy = { ...spec, agents: 1000, ratePerSecond: 50 };
    const carried = plannedLoad(busy);
    const asOffered = plannedLoad({
      ...busy,
      model: { ...defaultTrafficModel, load: "as-offered" },
    });
    // 50/s × 270 s = 13,500 Erlangs; ~744 routable agents at 85 % carry ~632.
    expect(carried.offeredErlangs).toBe(13_500);
    expect(carried.handleTimeScale).toBeCloseTo((carried.routableAgents * 0.85) / 13_500, 6);
    expect(carried.occupancy).toBeCloseTo(0.85, 6);
    expect(asOffered.handleTimeScale).toBe(1);
    expect(asOffered.occupancy).toBe(1);
  });

  it("refuses shares outside [0, 1] and broken distributions", () => {
    expect(() =>
      generateTraffic({ ...spec, model: { ...defaultTrafficModel, returningShare: 1.5 } }),
    ).toThrow(/returningShare/);
    expect(() =>
      generateTraffic({
        ...spec,
        model: { ...defaultTrafficModel, talkTime: { kind: "lognormal", meanMs: 0, sigma: 1 } },
      }),
    ).toThrow(/talkTime.meanMs/);
  });
});
