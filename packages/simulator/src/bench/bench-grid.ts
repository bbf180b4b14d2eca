import type { BenchCell, BenchSettings } from "./bench-result.js";

/** A grid: the cells to run and how many fresh processes time each bundle's import. */
export interface BenchGrid {
  readonly name: "full" | "quick";
  readonly cells: readonly BenchCell[];
  readonly coldStartRuns: number;
}

/**
 * Simulated seconds of arrivals per cell: enough calls for ratios and a p99, little enough that
 * the full grid runs in under ten minutes on two cores (a throttled Connect client waits
 * wall-clock time in the SDK's back-off, and a saturated center keeps callers queued). The
 * 1,000-agent row, which the targets are about, gets the longest windows.
 */
export function durationSecondsOf(agents: number, ratePerSecond: number): number {
  if (ratePerSecond <= 1) return 60;
  if (ratePerSecond <= 10) return agents === 1000 ? 15 : 10;
  return agents === 1000 ? 8 : 4;
}

/** Agents {10, 100, 1,000, 5,000} × arrivals {1, 10, 50 per second}; 1,000 agents first. */
export const fullGrid: BenchGrid = {
  name: "full",
  cells: [1000, 10, 100, 5000].flatMap((agents) =>
    [1, 10, 50].map((ratePerSecond) => ({
      agents,
      ratePerSecond,
      durationSeconds: durationSecondsOf(agents, ratePerSecond),
    })),
  ),
  coldStartRuns: 5,
};

/** The smoke-test grid: two center sizes, two rates, short windows. */
export const quickGrid: BenchGrid = {
  name: "quick",
  cells: [
    { agents: 1000, ratePerSecond: 50, durationSeconds: 2 },
    { agents: 10, ratePerSecond: 1, durationSeconds: 10 },
  ],
  coldStartRuns: 3,
};

/** The settings every cell shares (issue 8's grid; see BENCH.md for why). */
export const benchSettings: BenchSettings = {
  returningShare: 0.7,
  availableShare: 0.6,
  occupancy: 0.7,
  quota: { ratePerSecond: 2, burst: 5 },
  lambdaLatencyMs: 100,
  messageSeconds: 2,
  consumerPollMs: 1000,
  maxAttempts: 5,
  queueMaxWaitSeconds: 120,
};
