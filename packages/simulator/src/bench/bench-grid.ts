import type { BenchCell, BenchSettings } from "./bench-result.js";
import { defaultPrices } from "./prices.js";
import { defaultTrafficModel, plannedLoad, type TrafficModel } from "./traffic.js";

/** A grid: the cells to run and how many fresh processes time each bundle's import. */
export interface BenchGrid {
  readonly name: "full" | "quick" | "cell";
  readonly cells: readonly BenchCell[];
  readonly coldStartRuns: number;
}

/** Judged returning calls a target cell aims at (issue 12: at least 300). */
export const judgedCallsWanted = 300;

/**
 * Simulated seconds of the measured interval a cell needs, by the traffic model's expectation,
 * for {@link judgedCallsWanted} judged returning calls with a 20 % margin (returning calls ×
 * the chance that their last agent is routable and free: the routable share × the idle
 * share), rounded up to 5 s.
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
  return Math.ceil((1.2 * judgedCallsWanted) / judgedPerSecond / 5) * 5;
}

/**
 * The full grid. Simulating costs about 20–50 ms of CPU per contact and system (the handlers'
 * real SDK calls over loopback HTTP to dynalite), so the measured intervals are chosen, not
 * uniform (BENCH.md, "How long a cell runs"):
 *
 * - the two target cells (1,000 × 50 and 20,000 × 200) run long enough for 300 judged calls;
 * - 1,000 and 10 agents at 1 contact/s run five minutes (4-minute calls at 1,000 agents: the
 *   floor carries them unscaled);
 * - 10,000 agents at 25 contacts/s is the large center with realistic 4-minute calls (the most
 *   a 10,000-agent floor carries at 85 % occupancy);
 * - the others run a minute, so every cached directory is read again at least once.
 *
 * The 1,000-agent row comes first.
 */
export const fullGrid: BenchGrid = {
  name: "full",
  cells: [
    { agents: 1000, ratePerSecond: 1, durationSeconds: 300 },
    { agents: 1000, ratePerSecond: 10, durationSeconds: 60 },
    { agents: 1000, ratePerSecond: 50, durationSeconds: measuredSecondsFor(1000, 50) },
    { agents: 10, ratePerSecond: 1, durationSeconds: 300 },
    { agents: 100, ratePerSecond: 10, durationSeconds: 60 },
    { agents: 5000, ratePerSecond: 10, durationSeconds: 60 },
    { agents: 10_000, ratePerSecond: 25, durationSeconds: 60 },
    { agents: 20_000, ratePerSecond: 200, durationSeconds: measuredSecondsFor(20_000, 200) },
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
    { agents: 1000, ratePerSecond: 50, durationSeconds: 5 },
    { agents: 10, ratePerSecond: 1, durationSeconds: 30 },
  ],
  // One fresh process per bundle: the smoke test proves the figures are there, not their medians.
  coldStartRuns: 1,
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

/** The quick grid's settings: the full ones with a 5-second warm-up. */
export const quickSettings: BenchSettings = {
  ...benchSettings,
  traffic: { ...defaultTrafficModel, warmupMs: 5000 },
};
