import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { bundlePaths as bundles } from "@connect-affinity/handlers/manifest";
import type { BenchGrid } from "./bench-grid.js";
import {
  type BenchResults,
  type BenchSettings,
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
import { evaluateTargets } from "./targets.js";
import { generateTraffic, type Traffic } from "./traffic.js";

/** Reports how far the grid is: contacts settled over the contacts of every run. */
export interface BenchProgress {
  /** Called once, before the first run, with the contacts of every run together. */
  start(totalContacts: number): void;
  /** Contacts settled so far over the whole grid, and the run under way. */
  update(settledContacts: number, run: string): void;
  stop(): void;
}

/** Options of {@link runBench}. */
export interface RunBenchOptions {
  readonly grid: BenchGrid;
  readonly settings: BenchSettings;
  /** The systems to run in every cell (default all three). */
  readonly systems?: readonly BenchSystem[];
  readonly outDir: string;
  readonly seed: number;
  /** Progress lines (stderr in the CLI). */
  readonly log: (line: string) => void;
  /** A progress bar (the CLI's, on a terminal). */
  readonly progress?: BenchProgress;
  /**
   * Makes the runner of one cell's systems, closed after the cell: in this thread (the default),
   * or a worker thread per cell (`workerCellRunner`, what `pnpm bench` uses so that memory does
   * not grow from cell to cell).
   */
  readonly cellRunner?: () => CellRunner;
  /** The peak resident set size so far (KB); the CLI samples it. */
  readonly peakRssKb?: () => number;
}

/** Where the files went. */
export interface BenchOutput {
  readonly results: BenchResults;
  readonly files: { readonly json: string; readonly markdown: string; readonly chart: string };
}

/** The bundles each connect-affinity system deploys for the flow. */
const flowBundles = ["route", "nextAgent", "record"] as const;

/** The traffic seed of a cell: the same for every system of the cell. */
export function cellSeed(seed: number, agents: number, ratePerSecond: number): number {
  return seed + agents * 1000 + ratePerSecond;
}

/**
 * Runs every system on every cell of the grid (the same seeded traffic per cell), measures the
 * decisions and the bundles, and writes `results.json`, `report.md` and `chart.svg`.
 */
export async function runBench(options: RunBenchOptions): Promise<BenchOutput> {
  const started = performance.now();
  const { grid, log } = options;
  const systems = options.systems ?? benchSystems;
  log(`bench: ${grid.name} grid, ${grid.cells.length} cells × ${systems.length} systems`);
  // A snapshot of the bundles: the checkout's dist/ may be rebuilt while the grid runs.
  const bundleDir = await mkdtemp(join(tmpdir(), "connect-affinity-bench-"));
  try {
    const snapshot = await snapshotBundles(bundleDir);
    return await runGrid(options, systems, snapshot, started);
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
  systems: readonly BenchSystem[],
  snapshot: typeof bundles,
  started: number,
): Promise<BenchOutput> {
  const { grid, log, settings } = options;
  const cellRunner = options.cellRunner ?? inProcessCellRunner;
  log("bench: measuring bundles (fresh node process per import)…");
  const measured = measureBundles(snapshot, grid.coldStartRuns);
  const traffics = grid.cells.map((cell) =>
    generateTraffic({
      seed: cellSeed(options.seed, cell.agents, cell.ratePerSecond),
      agents: cell.agents,
      ratePerSecond: cell.ratePerSecond,
      durationMs: cell.durationSeconds * 1000,
      model: settings.traffic,
    }),
  );
  const totalContacts = traffics.reduce((acc, traffic) => acc + traffic.calls.length, 0);
  options.progress?.start(totalContacts * systems.length);
  const results: CellResult[] = [];
  const decisionCache = new Map<string, number[]>();
  let settledBefore = 0;
  let done = 0;
  const total = grid.cells.length * systems.length;
  try {
    for (const traffic of traffics) {
      const runner = cellRunner();
      try {
        for (const system of systems) {
          done += 1;
          const label = `[${done}/${total}] ${system} @ ${traffic.spec.agents} agents × ${traffic.spec.ratePerSecond}/s`;
          const result = await runSystem(system, traffic, {
            runner,
            settings,
            bundlePaths: snapshot,
            measured,
            decisionCache,
            log: (line) => log(`${label}: ${line}`),
            onSettled: (settled) => options.progress?.update(settledBefore + settled, label),
          });
          settledBefore += traffic.calls.length;
          options.progress?.update(settledBefore, label);
          results.push(result);
        }
      } finally {
        await runner.close();
      }
    }
  } finally {
    options.progress?.stop();
  }
  const benchResults: BenchResults = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    grid: grid.name,
    seed: options.seed,
    settings,
    bundles: measured,
    results,
    targets: evaluateTargets(results),
    wallSeconds: Math.round((performance.now() - started) / 100) / 10,
    peakRssKb: options.peakRssKb?.() ?? Math.round(process.resourceUsage().maxRSS),
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
    `bench: wrote ${files.json}, ${files.markdown}, ${files.chart} (${benchResults.wallSeconds} s, peak RSS ${Math.round(benchResults.peakRssKb / 1024)} MB)`,
  );
  return { results: benchResults, files };
}

/** One system on one cell: the simulated run, the decision timing, the figures. */
async function runSystem(
  system: BenchSystem,
  traffic: Traffic,
  context: {
    readonly runner: CellRunner;
    readonly settings: BenchSettings;
    readonly bundlePaths: typeof bundles;
    readonly measured: readonly BundleMeasure[];
    readonly decisionCache: Map<string, number[]>;
    readonly log: (line: string) => void;
    readonly onSettled: (settled: number) => void;
  },
): Promise<CellResult> {
  const { measured, log } = context;
  const run = await context.runner.run(system, traffic, {
    settings: context.settings,
    bundlePaths: context.bundlePaths,
    onProgress: (settled) => context.onSettled(settled),
  });
  const decisionMs = await decisionsFor(system, traffic, context.decisionCache);
  const result = cellFigures(run, context.settings, {
    decisionMs,
    bundleBytes: system === "baseline" ? null : bundleBytes(measured),
    coldStartImportMs: system === "baseline" ? null : slowestImport(measured),
  });
  const { lastAgent } = result;
  log(
    `done in ${result.wallSeconds} s — ${result.contacts} contacts, lost to directory ${result.lostToDirectory}, ` +
      `API/contact ${result.connectApiCallsPerContact}, RCU/WCU ${result.dynamoDb.readUnitsPerContact}/${result.dynamoDb.writeUnitsPerContact}, ` +
      `last agent ${lastAgent.percent} % of ${lastAgent.n} (${lastAgent.low}–${lastAgent.high})`,
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
