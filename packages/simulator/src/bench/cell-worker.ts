/**
 * The worker thread of `workerCellRunner`: runs each job it is sent (a `CellJob`) with
 * `runCell`, one at a time, and posts the progress and the `CellRun` back.
 */
import { parentPort } from "node:worker_threads";
import { runCell } from "./run-cell.js";
import type { CellJob, CellWorkerMessage } from "./worker-cell-runner.js";

const port = parentPort;
if (port === null) throw new Error("cell-worker.js runs in a worker thread (see workerCellRunner)");
const post = (message: CellWorkerMessage): void => port.postMessage(message);

port.on("message", (job: CellJob) => {
  runCell(job.system, job.traffic, {
    settings: job.settings,
    ...(job.bundlePaths === undefined ? {} : { bundlePaths: job.bundlePaths }),
    onProgress: (settled, total) => post({ kind: "progress", settled, total }),
  }).then(
    (run) => post({ kind: "done", run }),
    (error: unknown) =>
      post({
        kind: "failed",
        message: error instanceof Error ? error.message : String(error),
        stack: error instanceof Error ? error.stack : undefined,
      }),
  );
});
