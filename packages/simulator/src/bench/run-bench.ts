import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { bundlePaths as bundles } from "@connect-affinity/handlers/manifest";
import type { BenchGrid } from "./bench-grid.js";
import { benchSettings } from "./bench-grid.js";
import {
  type BenchResults,
  type BenchSystem,
  type BundleMeasure,
  benchSystems,
  type CellResult,
} from "./bench-result.js";
import { measureBundles } from "./bundle-measures.js";
import { cellFigures } from "./cell-figures.js";
import { type CellRunner, inProcessCellRunner } from "./cell-runner.js";
import { connectApiChart } from "./chart-svg.js";
import { timeDecisions } from "./decision-timing.js";
import { reportMarkdown } from "./report-markdown.js";
import { generateTraffic, type Traffic } from "./traffic.js";

/** Options of {@link runBench}. */
export interface RunBenchOptions {
  readonly grid: BenchGrid;
  readonly outDir: string;
  readonly seed: number;
  /** Progress lines (stderr in the CLI). */
  readonly log: (line: string) => void;
  /**
   * Makes the runner of one cell's systems, closed after the cell: in this thread (the default),
   * or a worker thread per cell (`workerCellRunner`, what `pnpm bench` uses so that memory does
   * not grow from cell to cell).
   */
  readonly cellRunner?: () => CellRunner;
}

/** Where the files went. */
export interface BenchOutput {
  readonly results: BenchResults;
  readonly files: { readonly json: string; readonly markdown: string; readonly chart: string };
}

/** The bundles each connect-affinity system deploys for the flow. */
const flowBundles = ["route", "nextAgent", "record"] as const;

/**
 * Runs every system on every cell of the grid (the same seeded traffic per cell), measures the
 * decisions and the bundles, and writes `results.json`, `report.md` and `chart.svg`.
 */
export async function runBench(options: RunBenchOptions): Promise<BenchOutput> {
  const started = performance.now();
  const { grid, log } = options;
  log(`bench: ${grid.name} grid, ${grid.cells.length} cells × ${benchSystems.length} systems`);
  // A snapshot of the bundles: the checkout's dist/ may be rebuilt while the grid runs.
  const bundleDir = await mkdtemp(join(tmpdir(), "connect-affinity-bench-"));
  try {
    const snapshot = await snapshotBundles(bundleDir);
    return await runGrid(options, snapshot, started);
  } finally {
    await rm(bundleDir, { recursive: true, force: true });
  }
}

async function snapshotBundles(directory: string): Promise<typeof bundles> {
  const entries = await Promise.all(
    Object.entries(bundles).map(async ([name, file]) => {
      const copy = join(directory, basename(file));
      await copyFile(file, copy);
      return [name, copy] as const;
    }),
  );
  return Object.fromEntries(entries) as typeof bundles;
}

async function runGrid(
  options: RunBenchOptions,
  snapshot: typeof bundles,
  started: number,
): Promise<BenchOutput> {
  const { grid, log } = options;
  const cellRunner = options.cellRunner ?? inProcessCellRunner;
  log("bench: measuring bundles (fresh node process per import)…");
  const measured = measureBundles(snapshot, grid.coldStartRuns);
  const results: CellResult[] = [];
  const decisionCache = new Map<string, number[]>();
  let done = 0;
  const total = grid.cells.length * benchSystems.length;
  for (const cell of grid.cells) {
    const traffic = generateTraffic({
      seed: options.seed + cell.agents * 1000 + cell.ratePerSecond,
      agents: cell.agents,
      ratePerSecond: cell.ratePerSecond,
      durationMs: cell.durationSeconds * 1000,
      returningShare: benchSettings.returningShare,
      availableShare: benchSettings.availableShare,
      occupancy: benchSettings.occupancy,
    });
    const runner = cellRunner();
    try {
      for (const system of benchSystems) {
        done += 1;
        const label = `[${done}/${total}] ${system} @ ${cell.agents} agents × ${cell.ratePerSecond}/s`;
        const result = await runSystem(system, traffic, {
          runner,
          bundlePaths: snapshot,
          measured,
          decisionCache,
          log: (line) => log(`${label}: ${line}`),
        });
        results.push(result);
      }
    } finally {
      await runner.close();
    }
  }
  const benchResults: BenchResults = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    grid: grid.name,
    seed: options.seed,
    settings: benchSettings,
    bundles: measured,
    results,
    wallSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  await mkdir(options.outDir, { recursive: true });
  const files = {
    json: join(options.outDir, "results.json"),
    markdown: join(options.outDir, "report.md"),
    chart: join(options.outDir, "chart.svg"),
  };
  const chartAgents = results.some((result) => result.agents === 1000)
    ? 1000
    : (results[0]?.agents ?? 0);
  await writeFile(files.json, `${JSON.stringify(benchResults, null, 2)}\n`);
  await writeFile(files.markdown, reportMarkdown(benchResults));
  await writeFile(files.chart, connectApiChart(results, chartAgents));
  log(
    `bench: wrote ${files.json}, ${files.markdown}, ${files.chart} (${benchResults.wallSeconds} s)`,
  );
  return { results: benchResults, files };
}

/** One system on one cell: the simulated run, the decision timing, the figures. */
async function runSystem(
  system: BenchSystem,
  traffic: Traffic,
  context: {
    readonly runner: CellRunner;
    readonly bundlePaths: typeof bundles;
    readonly measured: readonly BundleMeasure[];
    readonly decisionCache: Map<string, number[]>;
    readonly log: (line: string) => void;
  },
): Promise<CellResult> {
  const { measured, log } = context;
  let lastShown = 0;
  const run = await context.runner.run(system, traffic, {
    settings: benchSettings,
    bundlePaths: context.bundlePaths,
    onProgress: (settled, count) => {
      const now = performance.now();
      if (now - lastShown > 2000 || settled === count) {
        lastShown = now;
        log(`${settled}/${count} contacts`);
      }
    },
  });
  const decisionMs = await decisionsFor(system, traffic, context.decisionCache);
  const result = cellFigures(run, {
    decisionMs,
    bundleBytes: system === "baseline" ? null : bundleBytes(measured),
    coldStartImportMs: system === "baseline" ? null : slowestImport(measured),
  });
  log(
    `done in ${result.wallSeconds} s — API/contact ${result.connectApiCallsPerContact}, ` +
      `throttled ${result.throttledContactsPercent} %, last agent ${result.reachedLastAgentPercent} %`,
  );
  return result;
}

async function decisionsFor(
  system: BenchSystem,
  traffic: Traffic,
  cache: Map<string, number[]>,
): Promise<number[]> {
  // Both connect-affinity variants run the same decision code: time it once per cell.
  const code = system === "baseline" ? "baseline" : "connect-affinity";
  const key = `${code}:${traffic.spec.agents}:${traffic.spec.ratePerSecond}`;
  let durations = cache.get(key);
  if (durations === undefined) {
    durations = await timeDecisions(code, traffic);
    cache.set(key, durations);
  }
  return durations;
}

function bundleBytes(measured: readonly BundleMeasure[]): number {
  return measured
    .filter((bundle) => flowBundles.some((name) => name === bundle.name))
    .reduce((sum, bundle) => sum + bundle.bytes, 0);
}

function slowestImport(measured: readonly BundleMeasure[]): number {
  return Math.max(
    0,
    ...measured
      .filter((bundle) => flowBundles.some((name) => name === bundle.name))
      .map((bundle) => bundle.importMedianMs),
  );
}
