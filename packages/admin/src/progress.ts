import cliProgress from "cli-progress";
import type { Io } from "./io.js";

/** A progress bar on a terminal, nothing elsewhere (a log or a pipe gets the summary only). */
export interface Progress {
  update(value: number, detail?: string): void;
  stop(): void;
}

/** Starts a bar of `total` items (an estimate: it grows when the count passes it). */
export function startProgress(io: Io, label: string, total: number, enabled = true): Progress {
  if (!io.interactive || !enabled) return { update: () => undefined, stop: () => undefined };
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
