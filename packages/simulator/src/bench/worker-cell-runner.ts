import { Worker } from "node:worker_threads";
import type { BenchSettings, BenchSystem } from "./bench-result.js";
import type { CellRunner } from "./cell-runner.js";
import type { CellRun, RunCellOptions } from "./run-cell.js";
import type { Traffic } from "./traffic.js";

/** One run, as the worker receives it. */
export interface CellJob {
  readonly system: BenchSystem;
  readonly traffic: Traffic;
  readonly settings: BenchSettings;
  readonly bundlePaths?: RunCellOptions["bundlePaths"];
}

/** What the worker posts back while and after it runs a job. */
export type CellWorkerMessage =
  | { readonly kind: "progress"; readonly settled: number; readonly total: number }
  | { readonly kind: "done"; readonly run: CellRun }
  | { readonly kind: "failed"; readonly message: string; readonly stack: string | undefined };

interface PendingRun {
  readonly options: RunCellOptions;
  readonly resolve: (run: CellRun) => void;
  readonly reject: (error: Error) => void;
}

/**
 * A {@link CellRunner} whose runs happen in one worker thread (`workerUrl`, the built
 * `cell-worker.js`), started at the first run and stopped by `close`. What the runs load dies
 * with the thread: the handler bundles each run imports afresh (ES modules are never unloaded,
 * so in one long-lived thread every run's copies would stay), their containers and caches,
 * the embedded DynamoDB. The process-wide patches (`process.env`, `Date.now`, random values)
 * are the worker's own. The figures are the same as in process.
 *
 * A run that fails stops the worker (its state is no longer trusted); the next run starts a
 * new one.
 */
export function workerCellRunner(workerUrl: URL): CellRunner {
  let worker: Worker | undefined;
  let pending: PendingRun | undefined;

  const fail = (current: Worker, error: Error): void => {
    // A worker already replaced (stopped after a failure, or closed) no longer owns a run.
    if (worker !== current) return;
    worker = undefined;
    void current.terminate();
    const failed = pending;
    pending = undefined;
    failed?.reject(error);
  };
  const start = (): Worker => {
    const current = new Worker(workerUrl);
    current.on("message", (message: CellWorkerMessage) => {
      if (message.kind === "progress") {
        pending?.options.onProgress?.(message.settled, message.total);
      } else if (message.kind === "done") {
        const done = pending;
        pending = undefined;
        done?.resolve(message.run);
      } else {
        const error = new Error(message.message);
        if (message.stack !== undefined) error.stack = message.stack;
        fail(current, error);
      }
    });
    current.once("error", (error) => fail(current, error));
    current.once("exit", (code) => {
      fail(current, new Error(`The bench worker stopped (exit ${code}) in the middle of a run`));
    });
    return current;
  };

  return {
    run: (system, traffic, options) => {
      if (pending !== undefined) {
        return Promise.reject(new Error("A worker cell runner runs one cell at a time"));
      }
      worker ??= start();
      const current = worker;
      return new Promise<CellRun>((resolve, reject) => {
        pending = { options, resolve, reject };
        const job: CellJob = {
          system,
          traffic,
          settings: options.settings,
          ...(options.bundlePaths === undefined ? {} : { bundlePaths: options.bundlePaths }),
        };
        current.postMessage(job);
      });
    },
    close: async () => {
      const current = worker;
      worker = undefined;
      const interrupted = pending;
      pending = undefined;
      interrupted?.reject(new Error("The worker cell runner was closed during a run"));
      if (current !== undefined) await current.terminate();
    },
  };
}
