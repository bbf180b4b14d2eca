import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { benchSettings } from "../../src/bench/bench-grid.js";
import type { CellRunner } from "../../src/bench/cell-runner.js";
import { type CellRun, runCell } from "../../src/bench/run-cell.js";
import { defaultTrafficModel, generateTraffic } from "../../src/bench/traffic.js";
import { workerCellRunner } from "../../src/bench/worker-cell-runner.js";

// The worker runs the built entry (`pnpm test` builds first, as `pnpm bench` does).
const workerUrl = new URL("../../dist/cell-worker.js", import.meta.url);

const traffic = generateTraffic({
  seed: 23,
  agents: 12,
  ratePerSecond: 2,
  durationMs: 6000,
  model: { ...defaultTrafficModel, warmupMs: 2000 },
});

const missingBundles = {
  route: "/nonexistent/route.mjs",
  nextAgent: "/nonexistent/next-agent.mjs",
  record: "/nonexistent/record.mjs",
  routingCriteria: "/nonexistent/routing-criteria.mjs",
  contactEvent: "/nonexistent/contact-event.mjs",
  agentEvents: "/nonexistent/agent-events.mjs",
  rosterRefresh: "/nonexistent/roster-refresh.mjs",
};

/** Everything a run counted, wall-clock times left out. */
function simulated(run: CellRun) {
  const { wallMs: _wall, functions, ...rest } = run;
  return {
    ...rest,
    functions: Object.fromEntries(
      Object.entries(functions).map(([name, { wallMs, ...counted }]) => [
        name,
        { ...counted, timed: wallMs.length },
      ]),
    ),
  };
}

describe("workerCellRunner", () => {
  let runner: CellRunner | undefined;

  afterEach(async () => {
    await runner?.close();
  });

  it("counts the same in a worker thread as in this one, run after run", async () => {
    // Prepare
    expect(existsSync(fileURLToPath(workerUrl)), "build the simulator first").toBe(true);
    runner = workerCellRunner(workerUrl);
    const progress: number[] = [];
    // Act
    const first = await runner.run("baseline", traffic, { settings: benchSettings });
    const second = await runner.run("event-stream", traffic, {
      settings: benchSettings,
      onProgress: (settled) => progress.push(settled),
    });
    const inProcess = {
      first: await runCell("baseline", traffic, { settings: benchSettings }),
      second: await runCell("event-stream", traffic, { settings: benchSettings }),
    };
    // Assess
    expect(second.contacts.filter((contact) => contact.outcome === "agent").length).toBeGreaterThan(
      0,
    );
    expect(second.functions["agent-events"]?.invocations).toBeGreaterThan(0);
    expect(simulated(first)).toEqual(simulated(inProcess.first));
    expect(simulated(second)).toEqual(simulated(inProcess.second));
    expect(progress.at(-1)).toBe(traffic.calls.length);
    expect(second.contacts).toHaveLength(traffic.calls.filter((call) => call.measured).length);
  }, 180_000);

  it("rejects with the worker's error when a run fails, and runs the next one in a new worker", async () => {
    // Prepare
    runner = workerCellRunner(workerUrl);
    // Act
    const failing = runner.run("connect-api", traffic, {
      settings: benchSettings,
      bundlePaths: missingBundles,
    });
    await expect(failing).rejects.toThrow(/Cannot load the \w+ handler bundle/);
    const next = await runner.run("baseline", traffic, { settings: benchSettings });
    // Assess
    expect(next.contacts).toHaveLength(traffic.calls.filter((call) => call.measured).length);
  }, 120_000);
});
