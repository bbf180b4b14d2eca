import type { BenchSystem } from "./bench-result.js";
import { type CellRun, type RunCellOptions, runCell } from "./run-cell.js";
import type { Traffic } from "./traffic.js";

/**
 * Runs systems on a cell's traffic, one run at a time: in this thread, or in a worker thread
 * (`workerCellRunner`). The bench takes a fresh runner for every run and closes it after.
 */
export interface CellRunner {
  run(system: BenchSystem, traffic: Traffic, options: RunCellOptions): Promise<CellRun>;
  /** Frees what the runner holds (a worker thread and everything its runs loaded). */
  close(): Promise<void>;
}

/** A {@link CellRunner} that calls `runCell` in this thread. */
export function inProcessCellRunner(): CellRunner {
  return { run: runCell, close: async () => {} };
}
