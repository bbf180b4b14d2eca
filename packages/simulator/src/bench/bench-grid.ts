import type { BenchCell, BenchSettings } from "./bench-result.js";
import { defaultPrices } from "./prices.js";
import { defaultTrafficModel, plannedLoad, type TrafficModel } from "./traffic.js";

/** A grid: the cells to run and how many fresh processes time each bundle's import. */
export interface BenchGrid {
  readonly name: "full" | "quick" | "cell";
  readonly cells: readonly BenchCell[];
  readonly coldStartRuns: number;
}

/** Judged returning calls a cell of the full grid aims at (issue 12: at least 300). */
export const judgedCallsWanted = 300;
/**
 * The shortest measured interval: a minute covers at least one refresh of every cached
 * directory (the handlers' roster is read again every 60 s), so per-contact Connect costs
 * are not just the warm-up's.
 */
const minMeasuredSeconds = 60;
/** The longest measured interval, so a small center's cell stays cheap to simulate. */
const maxMeasuredSeconds = 1200;

/**
 * Simulated seconds of the measured interval for a cell: long enough, by the traffic model's
 * expectation, for {@link judgedCallsWanted} judged returning calls with a 20 % margin
 * (returning calls × the chance that their last agent is routable and free: the routable
 * share × the idle share), at least a minute, at most twenty; rounded up to 10 s.
 */
export function measuredSecondsFor(
  agents: number,
  ratePerSecond: number,
  model: TrafficModel = defaultTrafficModel,
): number {
  const load = plannedLoad({ seed: 0, agents, ratePerSecond, durationMs: 1, model });
  const routableShare = load.routableAgents / agents;
  const judgedPerSecond =
    ratePerSecond * model.returningShare * routableShare * Math.max(0.02, 1 - load.occupancy);
  const seconds = (1.2 * judgedCallsWanted) / judgedPerSecond;
  const bounded = Math.min(maxMeasuredSeconds, Math.max(minMeasuredSeconds, seconds));
  return Math.ceil(bounded / 10) * 10;
}

const cellOf = (agents: number, ratePerSecond: number): BenchCell => ({
  agents,
  ratePerSecond,
  durationSeconds: measuredSecondsFor(agents, ratePerSecond),
});

/**
 * The full grid: small centers at low rates, 1,000 agents at 1, 10 and 50 contacts/s (the
 * earlier targets), 5,000 at 10 and 50, and the large centers at 50 and 200 contacts/s (the
 * scale targets: 20,000 × 200). The 1,000-agent row comes first.
 */
export const fullGrid: BenchGrid = {
  name: "full",
  cells: [
    cellOf(1000, 1),
    cellOf(1000, 10),
    cellOf(1000, 50),
    cellOf(10, 1),
    cellOf(100, 1),
    cellOf(100, 10),
    cellOf(5000, 10),
    cellOf(5000, 50),
    cellOf(10_000, 50),
    cellOf(10_000, 200),
    cellOf(20_000, 50),
    cellOf(20_000, 200),
  ],
  coldStartRuns: 5,
};

/**
 * The smoke-test grid: two center sizes, short intervals (and a short warm-up, see
 * {@link quickSettings}); too short for 300 judged calls, which it does not claim.
 */
export const quickGrid: BenchGrid = {
  name: "quick",
  cells: [
    { agents: 1000, ratePerSecond: 50, durationSeconds: 10 },
    { agents: 10, ratePerSecond: 1, durationSeconds: 30 },
  ],
  coldStartRuns: 3,
};

/** The settings every cell shares (see BENCH.md for why each). */
export const benchSettings: BenchSettings = {
  traffic: defaultTrafficModel,
  quota: { ratePerSecond: 2, burst: 5 },
  lambdaLatencyMs: 100,
  lambdaMemoryMb: 256,
  messageSeconds: 2,
  consumerPollMs: 1000,
  streamBatchSize: 100,
  kinesisShards: 1,
  maxAttempts: 5,
  queueMaxWaitSeconds: 120,
  prices: defaultPrices,
};

/** The quick grid's settings: the full ones with a 10-second warm-up. */
export const quickSettings: BenchSettings = {
  ...benchSettings,
  traffic: { ...defaultTrafficModel, warmupMs: 10_000 },
};
