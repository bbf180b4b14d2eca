import { describe, expect, it } from "vitest";
import { benchSettings } from "../../src/bench/bench-grid.js";
import { type CellRun, runCell } from "../../src/bench/run-cell.js";
import { defaultTrafficModel, generateTraffic } from "../../src/bench/traffic.js";

// A small floor run past its capacity, so contacts still wait in the queues after the measured
// interval and the background has something to stop before the last one settles.
const traffic = generateTraffic({
  seed: 41,
  agents: 10,
  ratePerSecond: 1,
  durationMs: 10_000,
  model: {
    ...defaultTrafficModel,
    warmupMs: 3000,
    load: "as-offered",
    talkTime: { kind: "fixed", ms: 15_000 },
    afterContactWork: { kind: "fixed", ms: 2000 },
  },
});

/** What a run counted: everything but wall-clock times and how it ended. */
function counted(run: CellRun) {
  const { wallMs: _wall, drain: _drain, functions, ...rest } = run;
  return {
    ...rest,
    functions: Object.fromEntries(
      Object.entries(functions).map(([name, { wallMs, ...totals }]) => [
        name,
        { ...totals, timed: wallMs.length },
      ]),
    ),
  };
}

describe("runCell: the background stops once every contact is routed", () => {
  it.each(["event-stream", "connect-api"] as const)(
    "counts the same units, calls and contacts as a run to the last settled contact (%s)",
    async (system) => {
      // Act
      const fast = await runCell(system, traffic, { settings: benchSettings });
      const full = await runCell(system, traffic, {
        settings: benchSettings,
        background: "settled",
      });
      // Assess
      expect(full.drain.backgroundStoppedMs).toBeNull();
      expect(fast.drain.backgroundStoppedMs).not.toBeNull();
      expect(fast.drain.backgroundStoppedMs ?? 0).toBeGreaterThanOrEqual(0);
      // The fast run really skipped simulated time with the stream and schedules stopped.
      expect(fast.drain.endMs).toBeGreaterThan(fast.drain.backgroundStoppedMs ?? 0);
      expect(fast.drain.endMs).toBe(full.drain.endMs);
      expect(fast.contacts.length).toBeGreaterThan(0);
      expect(counted(fast)).toEqual(counted(full));
    },
    180_000,
  );
});
