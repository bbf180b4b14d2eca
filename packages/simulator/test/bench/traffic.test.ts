import { describe, expect, it } from "vitest";
import { generateTraffic, type TrafficSpec } from "../../src/bench/traffic.js";

const spec: TrafficSpec = {
  seed: 7,
  agents: 200,
  ratePerSecond: 10,
  durationMs: 120_000,
  returningShare: 0.7,
  availableShare: 0.6,
  occupancy: 0.7,
};

describe("generateTraffic", () => {
  it("gives every system the same calls for the same seed", () => {
    expect(generateTraffic(spec)).toEqual(generateTraffic(spec));
  });

  it("makes the asked share of agents available, not simply the first ones", () => {
    // Act
    const traffic = generateTraffic(spec);
    // Assess
    expect(traffic.agents.filter((agent) => agent.available)).toHaveLength(120);
    expect(traffic.agents.slice(0, 120).every((agent) => agent.available)).toBe(false);
  });

  it("sends calls at about the asked rate, about 70 % of them from returning callers", () => {
    // Act
    const { calls } = generateTraffic(spec);
    // Assess: 1,200 calls expected; a Poisson count stays well within ±15 %.
    expect(calls.length).toBeGreaterThan(1020);
    expect(calls.length).toBeLessThan(1380);
    const returning = calls.filter((call) => call.kind === "returning").length / calls.length;
    expect(returning).toBeGreaterThan(0.65);
    expect(returning).toBeLessThan(0.75);
    expect(
      calls.every((call, index) => index === 0 || (calls[index - 1]?.atMs ?? 0) <= call.atMs),
    ).toBe(true);
  });

  it("gives every returning caller a last agent: history, or an earlier call of the window", () => {
    // Act
    const traffic = generateTraffic(spec);
    // Assess
    const history = new Set(traffic.history.map((entry) => entry.number));
    const heard = new Set<string>();
    for (const call of traffic.calls) {
      if (call.kind === "returning") {
        expect(history.has(call.number) || heard.has(call.number)).toBe(true);
      } else {
        expect(history.has(call.number) || heard.has(call.number)).toBe(false);
      }
      heard.add(call.number);
    }
  });

  it("scales talk times so the available agents run near the asked occupancy", () => {
    // Act
    const traffic = generateTraffic(spec);
    // Assess: 0.7 × 120 agents / 10 per second = 8.4 s.
    expect(traffic.meanTalkMs).toBeCloseTo(8400, 0);
    const busyAtStart = traffic.warmup.length / 120;
    expect(busyAtStart).toBeGreaterThan(0.55);
    expect(busyAtStart).toBeLessThan(0.85);
  });

  it("refuses shares outside [0, 1]", () => {
    expect(() => generateTraffic({ ...spec, returningShare: 1.5 })).toThrow(/returningShare/);
  });
});
