import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseBenchArguments } from "../../src/bench/bench-command.js";
import { benchSettings, fullGrid, policyGrid, quickGrid } from "../../src/bench/bench-grid.js";
import type { BenchResults } from "../../src/bench/bench-result.js";

const run = promisify(execFile);
const packageDirectory = fileURLToPath(new URL("../..", import.meta.url));
const bench = join(packageDirectory, "dist", "bench.js");

describe("pnpm bench's command line", () => {
  it("runs the full grid with every system by default, the quick grid with --quick", () => {
    const full = parseBenchArguments([]);
    expect(full.grid).toBe(fullGrid);
    expect(full.systems).toEqual(["baseline", "connect-api", "event-stream"]);
    expect(full.seed).toBe(2026);
    expect(full.settings).toEqual(benchSettings);
    expect(parseBenchArguments(["--", "--quick"]).grid).toBe(quickGrid);
  });

  it("runs one cell on demand with --agents, --rate and --duration, one system with --system", () => {
    const plan = parseBenchArguments([
      "--agents",
      "20000",
      "--rate",
      "200",
      "--duration",
      "45",
      "--system",
      "event-stream",
      "--seed",
      "7",
      "--talk-time",
      "180",
      "--load",
      "as-offered",
    ]);
    expect(plan.grid).toEqual({
      name: "cell",
      cells: [{ agents: 20_000, ratePerSecond: 200, durationSeconds: 45 }],
      coldStartRuns: 3,
    });
    expect(plan.systems).toEqual(["event-stream"]);
    expect(plan.seed).toBe(7);
    expect(plan.settings.traffic.talkTime).toMatchObject({ kind: "lognormal", meanMs: 180_000 });
    expect(plan.settings.traffic.load).toBe("as-offered");
  });

  it("takes a cell's measured interval from the grid unless --duration says otherwise", () => {
    expect(parseBenchArguments(["--agents", "20000", "--rate", "200"]).grid.cells).toEqual([
      { agents: 20_000, ratePerSecond: 200, durationSeconds: 22 },
    ]);
    expect(parseBenchArguments(["--agents", "1000", "--rate", "50"]).grid.cells).toEqual([
      { agents: 1000, ratePerSecond: 50, durationSeconds: 120 },
    ]);
    expect(parseBenchArguments(["--agents", "300", "--rate", "7"]).grid.cells).toEqual([
      { agents: 300, ratePerSecond: 7, durationSeconds: 60 },
    ]);
    const quick = parseBenchArguments(["--quick", "--duration", "3"]).grid;
    expect(quick.name).toBe("quick");
    expect(quick.cells.map((cell) => cell.durationSeconds)).toEqual([3, 3]);
  });

  it("sets the stream's mean delay with --stream-delay, none with 0", () => {
    expect(parseBenchArguments(["--stream-delay", "0"]).settings.traffic.streamDelay).toEqual({
      kind: "fixed",
      ms: 0,
    });
    expect(parseBenchArguments(["--stream-delay", "4"]).settings.traffic.streamDelay).toMatchObject(
      { kind: "lognormal", meanMs: 4000 },
    );
  });

  it("sets connect-affinity's preferred wait with --preferred-wait, 0 by default", () => {
    expect(parseBenchArguments([]).settings.preferredWaitSeconds).toBe(0);
    const plan = parseBenchArguments([
      "--agents",
      "1000",
      "--rate",
      "50",
      "--system",
      "event-stream",
      "--preferred-wait",
      "30",
    ]);
    expect(plan.settings.preferredWaitSeconds).toBe(30);
    expect(plan.grid.cells).toEqual([{ agents: 1000, ratePerSecond: 50, durationSeconds: 120 }]);
    expect(() => parseBenchArguments(["--preferred-wait", "-1"])).toThrow(/0 to 600/);
    expect(() => parseBenchArguments(["--preferred-wait", "2.5"])).toThrow(/0 to 600/);
  });

  it("runs the policy grid: the target cell once per wait, event-stream presence unless --system", () => {
    const plan = parseBenchArguments(["--policy-grid", "--jobs", "1"]);
    expect(plan.grid).toBe(policyGrid);
    expect(plan.grid.cells.map((cell) => cell.preferredWaitSeconds)).toEqual([0, 10, 30, 60]);
    expect(
      plan.grid.cells.every(
        (cell) => cell.agents === 1000 && cell.ratePerSecond === 50 && cell.durationSeconds === 120,
      ),
    ).toBe(true);
    expect(plan.systems).toEqual(["event-stream"]);
    expect(parseBenchArguments(["--policy-grid", "--system", "connect-api"]).systems).toEqual([
      "connect-api",
    ]);
    expect(() => parseBenchArguments(["--policy-grid", "--preferred-wait", "30"])).toThrow(
      /sets each cell's wait/,
    );
    expect(() => parseBenchArguments(["--policy-grid", "--agents", "10", "--rate", "1"])).toThrow(
      /runs its own grid/,
    );
  });

  it("refuses half a cell, a cell with --quick, an unknown system and a bad number", () => {
    expect(() => parseBenchArguments(["--agents", "10", "--duration", "5"])).toThrow(
      /--agents and --rate together/,
    );
    expect(() =>
      parseBenchArguments(["--quick", "--agents", "10", "--rate", "1", "--duration", "5"]),
    ).toThrow(/--quick runs its own grid/);
    expect(() => parseBenchArguments(["--system", "seed"])).toThrow(/system/);
    expect(() =>
      parseBenchArguments(["--agents", "ten", "--rate", "1", "--duration", "5"]),
    ).toThrow(/integer/);
    expect(() => parseBenchArguments(["--redial", "2"])).toThrow(/between 0 and 1/);
  });

  it("writes results.json for one cell like the grid's, and exits 2 with the reason on a bad argument", async () => {
    // Prepare
    const out = await mkdtemp(join(tmpdir(), "bench-cell-"));
    try {
      // Act
      await run(
        process.execPath,
        [
          bench,
          "--agents",
          "10",
          "--rate",
          "1",
          "--duration",
          "20",
          "--warmup",
          "5",
          "--system",
          "baseline",
          "--seed",
          "3",
          "--out",
          out,
        ],
        {
          cwd: packageDirectory,
          env: { ...process.env, INIT_CWD: packageDirectory },
          timeout: 170_000,
        },
      );
      const bad = await run(process.execPath, [bench, "--agents", "10"], {
        cwd: packageDirectory,
        timeout: 30_000,
      }).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code?: number; stderr?: string }) => ({
          code: error.code ?? -1,
          stderr: error.stderr ?? "",
        }),
      );
      // Assess
      const results = JSON.parse(await readFile(join(out, "results.json"), "utf8")) as BenchResults;
      expect(results.grid).toBe("cell");
      expect(results.seed).toBe(3);
      expect(results.results).toHaveLength(1);
      const [row] = results.results;
      expect(row).toMatchObject({
        system: "baseline",
        agents: 10,
        ratePerSecond: 1,
        durationSeconds: 20,
      });
      expect(row?.contacts).toBeGreaterThan(5);
      expect(row?.dynamoDb.writeUnitsPerContact).not.toBeNull();
      expect(results.peakRssKb).toBeGreaterThan(0);
      expect(await readFile(join(out, "report.md"), "utf8")).toContain("## 10 agents");
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--agents and --rate together/);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 180_000);

  it("deploys one cell with --preferred-wait and records the wait in the settings and the row", async () => {
    // Prepare
    const out = await mkdtemp(join(tmpdir(), "bench-wait-"));
    try {
      // Act
      await run(
        process.execPath,
        [
          bench,
          "--agents",
          "10",
          "--rate",
          "1",
          "--duration",
          "20",
          "--warmup",
          "5",
          "--system",
          "event-stream",
          "--preferred-wait",
          "30",
          "--seed",
          "3",
          "--out",
          out,
        ],
        {
          cwd: packageDirectory,
          env: { ...process.env, INIT_CWD: packageDirectory },
          timeout: 170_000,
        },
      );
      // Assess
      const results = JSON.parse(await readFile(join(out, "results.json"), "utf8")) as BenchResults;
      expect(results.settings.preferredWaitSeconds).toBe(30);
      const [row] = results.results;
      expect(row).toMatchObject({ system: "event-stream", preferredWaitSeconds: 30 });
      expect(row?.outcomes.deadEnd).toBe(0);
      expect(row?.wait.waitedInVain.count).toBeGreaterThanOrEqual(0);
      expect(row?.wait.lastAgentWithinWait.n).toBeGreaterThanOrEqual(row?.lastAgent.n ?? 0);
      expect(row?.wait.newCallerTimeToAgentP50Seconds).not.toBeNull();
      const report = await readFile(join(out, "report.md"), "utf8");
      expect(report).toContain("## The preferred wait (connect-affinity)");
      expect(report).toMatch(/\| 10 × 1\/s \| connect-affinity, event-stream presence \| 30 \|/);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 180_000);
});
