import type { BenchCell, BenchSettings } from "./bench-result.js";
import { defaultPrices } from "./prices.js";
import { defaultTrafficModel } from "./traffic.js";

/** A grid: the cells to run and how many fresh processes time each bundle's import. */
export interface BenchGrid {
  readonly name: "full" | "quick" | "cell" | "policy";
  readonly cells: readonly BenchCell[];
  readonly coldStartRuns: number;
}

/**
 * The full grid. Simulating costs about 10–45 ms of CPU per contact and system (the handlers'
 * real SDK calls over loopback HTTP to dynalite), so the measured intervals are chosen, not
 * uniform (BENCH.md, "How long a cell runs"):
 *
 * - the two target cells (1,000 × 50 and 20,000 × 200) run long enough for 300 judged calls of
 *   event-stream presence (the system with the fewest: its stale presence misses free agents),
 *   as measured with the default seed: 284 judged in 105 s at 1,000 × 50 (2.7 a second, so
 *   120 s) and 387 in 22 s at 20,000 × 200;
 * - 1,000 agents at 2 contacts/s and 10,000 at 20/s are the centers with the model's own
 *   4-minute calls (the floor carries them unscaled, at about 72 % occupancy): the realistic
 *   calls' row beside the target cells, whose calls `carried` shortens;
 * - 10 agents at 1 contact/s runs five minutes; the others a minute, so every cached
 *   directory is read again at least once.
 *
 * The 1,000-agent row comes first.
 */
export const fullGrid: BenchGrid = {
  name: "full",
  cells: [
    { agents: 1000, ratePerSecond: 2, durationSeconds: 300 },
    { agents: 1000, ratePerSecond: 10, durationSeconds: 60 },
    { agents: 1000, ratePerSecond: 50, durationSeconds: 120 },
    { agents: 10, ratePerSecond: 1, durationSeconds: 300 },
    { agents: 100, ratePerSecond: 10, durationSeconds: 60 },
    { agents: 5000, ratePerSecond: 10, durationSeconds: 60 },
    { agents: 10_000, ratePerSecond: 20, durationSeconds: 60 },
    { agents: 20_000, ratePerSecond: 200, durationSeconds: 22 },
  ],
  coldStartRuns: 5,
};

/**
 * The measured interval of a cell on demand: the full grid's for that cell, else a minute
 * (`--duration` overrides both).
 */
export function cellDurationSeconds(agents: number, ratePerSecond: number): number {
  const cell = fullGrid.cells.find(
    (candidate) => candidate.agents === agents && candidate.ratePerSecond === ratePerSecond,
  );
  return cell?.durationSeconds ?? 60;
}

/**
 * The smoke-test grid: two center sizes, short intervals (and a short warm-up, see
 * {@link quickSettings}); too short for 300 judged calls, which it does not claim.
 */
export const quickGrid: BenchGrid = {
  name: "quick",
  cells: [
    { agents: 1000, ratePerSecond: 50, durationSeconds: 3 },
    { agents: 10, ratePerSecond: 1, durationSeconds: 20 },
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
  // 0 (not the product's 10 s): the grid's rows stay comparable with those before the wait;
  // the policy grid and `--preferred-wait` measure the wait.
  preferredWaitSeconds: 0,
  prices: defaultPrices,
};

/** The waits the policy grid compares (s): off, the product's default, and two longer. */
export const policyWaits = [0, 10, 30, 60] as const;

/**
 * The policy grid: the target cell (1,000 agents × 50/s, the full grid's 120 s, so
 * the same traffic) once per preferred wait; run with event-stream presence by default.
 */
export const policyGrid: BenchGrid = {
  name: "policy",
  cells: policyWaits.map((preferredWaitSeconds) => ({
    agents: 1000,
    ratePerSecond: 50,
    durationSeconds: 120,
    preferredWaitSeconds,
  })),
  coldStartRuns: 3,
};

/** The quick grid's settings: the full ones with a 3-second warm-up. */
export const quickSettings: BenchSettings = {
  ...benchSettings,
  traffic: { ...defaultTrafficModel, warmupMs: 3000 },
};
