import cliProgress from "cli-progress";
import { plural } from "./format.js";
import type { Io } from "./io.js";

/** A scan's progress: a bar on a terminal, a line now and then elsewhere. */
export interface Progress {
  update(value: number, detail?: string): void;
  stop(): void;
}

/**
 * How often a scan without a terminal (a log, a pipe, a CI job) says how far it got: often
 * enough to show a long `drop-agent` is alive, rarely enough to keep the log readable.
 */
export const progressLineIntervalMs = 10_000;

/**
 * Starts the progress of `total` items (an estimate: DynamoDB's item count lags by hours, so the
 * total grows when the count passes it). On a terminal it is a bar on `io.progressStream`;
 * otherwise a line on `io.err` at most every {@link progressLineIntervalMs}; `enabled: false`
 * (`--json`) shows nothing.
 */
export function startProgress(io: Io, label: string, total: number, enabled = true): Progress {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  return io.interactive ? progressBar(io, label, total) : progressLines(io, label, total);
}

function progressBar(io: Io, label: string, total: number): Progress {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} items {detail}`,
      stream: io.progressStream,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let limit = Math.max(total, 1);
  bar.start(limit, 0, { detail: "" });
  return {
    update: (value, detail = "") => {
      if (value > limit) {
        limit = value;
        bar.setTotal(limit);
      }
      bar.update(value, { detail });
    },
    stop: () => bar.stop(),
  };
}

function progressLines(io: Io, label: string, total: number): Progress {
  let last = io.now();
  return {
    update: (value, detail = "") => {
      const now = io.now();
      if (now - last < progressLineIntervalMs) return;
      last = now;
      const scanned = total > value ? `${value} of about ${total} items` : plural(value, "item");
      io.err(`${label}: ${scanned} scanned ${detail}`.trimEnd());
    },
    // The command's own summary follows: no closing line needed.
    stop: () => undefined,
  };
}
