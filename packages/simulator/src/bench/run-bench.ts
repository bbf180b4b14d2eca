import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { bundlePaths as bundles } from "@connect-affinity/handlers/manifest";
import type { BenchGrid } from "./bench-grid.js";
import {
  type BenchCell,
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
import type { CellRun } from "./run-cell.js";
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
   * Makes the runner of one run (one system on one cell), closed after it: in this thread (the
   * default), or a worker thread per run (`workerCellRunner`, what `pnpm bench` uses so that
   * memory does not grow from run to run).
   */
  readonly cellRunner?: () => CellRunner;
  /** The peak resident set size so far (KB); the CLI samples it. */
  readonly peakRssKb?: () => number;
  /** Runs simulated at once, each in its own runner (default 1). */
  readonly jobs?: number;
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
  const settledByRun = new Map<string, number>();
  const report = (run: string, settled: number): void => {
    settledByRun.set(run, settled);
    let sum = 0;
    for (const count of settledByRun.values()) sum += count;
    options.progress?.update(sum, run);
  };
  // One run = one system on one cell, in a runner of its own (a worker thread in the CLI: what
  // a run loads goes with it). Runs go `jobs` at a time, the most calls first, so the largest
  // cell's systems do not queue behind each other at the end; decisions are timed afterwards,
  // when no simulation competes for the CPU.
  const units = traffics
    .flatMap((traffic, cellIndex) =>
      systems.map((system, systemIndex) => ({ traffic, cellIndex, system, systemIndex })),
    )
    .sort((a, b) => b.traffic.calls.length - a.traffic.calls.length);
  const runs: (CellRun | undefined)[][] = traffics.map(() => systems.map(() => undefined));
  const total = units.length;
  let done = 0;
  let next = 0;
  const job = async (): Promise<void> => {
    for (let unit = units[next++]; unit !== undefined; unit = units[next++]) {
      const { traffic, system } = unit;
      const cellSettings = settingsOf(grid.cells[unit.cellIndex], settings);
      const name = `${system} @ ${traffic.spec.agents} agents × ${traffic.spec.ratePerSecond}/s, wait ${cellSettings.preferredWaitSeconds} s`;
      const runner = cellRunner();
      try {
        const run = await runner.run(system, traffic, {
          settings: cellSettings,
          bundlePaths: snapshot,
          onProgress: (settled) => report(name, settled),
        });
        report(name, traffic.calls.length);
        done += 1;
        log(`[${done}/${total}] ${name}: ${summaryOf(run)}`);
        (runs[unit.cellIndex] as (CellRun | undefined)[])[unit.systemIndex] = run;
      } finally {
        await runner.close();
      }
    }
  };
  try {
    const jobs = Math.max(1, Math.min(options.jobs ?? 1, units.length));
    await Promise.all(Array.from({ length: jobs }, job));
  } finally {
    options.progress?.stop();
  }
  log("bench: timing decisions in process…");
  const results: CellResult[] = [];
  const decisionCache = new Map<string, number[]>();
  for (const [index, traffic] of traffics.entries()) {
    for (const run of runs[index] ?? []) {
      if (run === undefined) continue;
      const decisionMs = await decisionsFor(run.system, traffic, decisionCache);
      results.push(
        cellFigures(run, settingsOf(grid.cells[index], settings), {
          decisionMs,
          bundleBytes: run.system === "baseline" ? null : bundleBytes(measured),
          coldStartImportMs: run.system === "baseline" ? null : slowestImport(measured),
        }),
      );
    }
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

/** The settings of one cell: the run's, with the cell's own preferred wait if it has one. */
function settingsOf(cell: BenchCell | undefined, settings: BenchSettings): BenchSettings {
  return cell?.preferredWaitSeconds === undefined
    ? settings
    : { ...settings, preferredWaitSeconds: cell.preferredWaitSeconds };
}

/** One line about a finished run, for the log. */
function summaryOf(run: CellRun): string {
  const seconds = Math.round(run.wallMs / 100) / 10;
  const lost = run.contacts.filter((contact) => contact.lostToDirectory).length;
  const judged = run.contacts.filter((contact) => contact.verdict?.judged === true).length;
  return `done in ${seconds} s — ${run.contacts.length} contacts, ${lost} lost to the directory, ${judged} judged`;
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
