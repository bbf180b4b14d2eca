import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { SingleBar } from "cli-progress";
import { Command, InvalidArgumentError, Option } from "commander";
import {
  type BenchGrid,
  benchSettings,
  cellDurationSeconds,
  fullGrid,
  policyGrid,
  policyWaits,
  quickGrid,
  quickSettings,
} from "./bench-grid.js";
import { type BenchSettings, type BenchSystem, benchSystems } from "./bench-result.js";
import type { Distribution } from "./distribution.js";
import { missingEntries } from "./report-markdown.js";
import { type BenchProgress, runBench } from "./run-bench.js";
import type { TrafficModel } from "./traffic.js";
import { workerCellRunner } from "./worker-cell-runner.js";

interface BenchOptions {
  readonly quick: boolean;
  readonly out: string;
  readonly seed: number;
  readonly agents?: number;
  readonly rate?: number;
  readonly duration?: number;
  readonly system?: BenchSystem;
  readonly talkTime?: number;
  readonly acw?: number;
  readonly load?: TrafficModel["load"];
  readonly warmup?: number;
  readonly redial?: number;
  readonly streamDelay?: number;
  readonly preferredWait?: number;
  readonly policyGrid: boolean;
  readonly jobs: number;
}

/** What the command line asks for: the grid, the settings, the systems. */
export interface BenchPlan {
  readonly grid: BenchGrid;
  readonly settings: BenchSettings;
  readonly systems: readonly BenchSystem[];
  readonly seed: number;
  readonly out: string;
  /** Runs (a system on a cell) simulated at once. */
  readonly jobs: number;
}

/**
 * Reads the command line of `pnpm bench`: the full grid, `--quick`, or one cell on demand
 * (`--agents N --rate R [--duration S]`), with `--system`, `--seed`, `--out` and the
 * traffic model's knobs. Throws commander's error (with the usage) on bad input.
 */
export function parseBenchArguments(argv: readonly string[]): BenchPlan {
  const program = new Command()
    .name("bench")
    .description(
      "Compare the seed's behaviour (baseline) with connect-affinity (API and event-stream presence) on the same simulated traffic.",
    )
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: (text) => process.stdout.write(text) })
    .option("--quick", "a small grid (smoke test, under a minute)", false)
    .option(
      "--policy-grid",
      `1,000 agents × 50/s once per preferred wait (${policyWaits.join(", ")} s), same traffic; event-stream presence unless --system`,
      false,
    )
    .option("--agents <n>", "one cell: agents in the instance", integerAtLeast(1))
    .option("--rate <r>", "one cell: contacts per second", positiveNumber)
    .option(
      "--duration <s>",
      "seconds of the measured interval (one cell: default the grid's for that cell, else 60; with the grid: every cell)",
      positiveNumber,
    )
    .addOption(
      new Option("--system <name>", "only this system (default: all three)").choices(benchSystems),
    )
    .option(
      "--preferred-wait <s>",
      "connect-affinity's preferredWaitSeconds, set as a deployment sets it (flows and handlers; default 0)",
      waitSeconds,
    )
    .option("--seed <n>", "traffic seed", integerAtLeast(Number.MIN_SAFE_INTEGER), 2026)
    .option("--out <dir>", "output directory", "out/bench")
    .option("--talk-time <s>", "mean talk time in seconds (default 240)", positiveNumber)
    .option("--acw <s>", "mean after-contact work in seconds (default 30)", nonNegativeNumber)
    .addOption(
      new Option(
        "--load <policy>",
        "carried: shorten handle times where the floor cannot carry them; as-offered: never",
      ).choices(["carried", "as-offered"]),
    )
    .option("--warmup <s>", "seconds simulated before counting (default 30)", nonNegativeNumber)
    .option("--redial <share>", "share of calls followed by a redial (default 0)", share)
    .option(
      "--stream-delay <s>",
      "mean delay of the agent event stream in seconds (default 1.5; 0: records readable at once)",
      nonNegativeNumber,
    )
    .option(
      "--jobs <n>",
      "runs (a system on a cell) simulated at once, each in a worker thread (default: 2, or 1 on one core)",
      integerAtLeast(1),
      Math.min(2, availableParallelism()),
    );
  program.parse(["node", "bench", ...argv.filter((arg) => arg !== "--")]);
  const options = program.opts<BenchOptions>();

  const oneCell = [options.agents, options.rate];
  const given = oneCell.filter((value) => value !== undefined).length;
  if (given === 1) {
    throw new InvalidArgumentError("one cell needs --agents and --rate together");
  }
  if (given === 2 && options.quick) {
    throw new InvalidArgumentError("--quick runs its own grid: leave out --agents/--rate");
  }
  if (options.policyGrid && (given === 2 || options.quick)) {
    throw new InvalidArgumentError(
      "--policy-grid runs its own grid: leave out --quick/--agents/--rate",
    );
  }
  if (options.policyGrid && options.preferredWait !== undefined) {
    throw new InvalidArgumentError(
      "--policy-grid sets each cell's wait: leave out --preferred-wait",
    );
  }
  const base = options.quick ? quickSettings : benchSettings;
  const model = base.traffic;
  const traffic: TrafficModel = {
    ...model,
    ...(options.talkTime === undefined
      ? {}
      : { talkTime: withMean(model.talkTime, options.talkTime * 1000) }),
    ...(options.acw === undefined
      ? {}
      : { afterContactWork: withMean(model.afterContactWork, options.acw * 1000) }),
    ...(options.load === undefined ? {} : { load: options.load }),
    ...(options.warmup === undefined ? {} : { warmupMs: options.warmup * 1000 }),
    ...(options.redial === undefined ? {} : { redialShare: options.redial }),
    ...(options.streamDelay === undefined
      ? {}
      : {
          streamDelay:
            options.streamDelay === 0
              ? { kind: "fixed", ms: 0 }
              : withMean(model.streamDelay, options.streamDelay * 1000),
        }),
  };
  const chosen: BenchGrid =
    given === 2
      ? {
          name: "cell",
          cells: [
            {
              agents: options.agents as number,
              ratePerSecond: options.rate as number,
              durationSeconds: cellDurationSeconds(
                options.agents as number,
                options.rate as number,
              ),
            },
          ],
          coldStartRuns: 3,
        }
      : options.policyGrid
        ? policyGrid
        : options.quick
          ? quickGrid
          : fullGrid;
  const duration = options.duration;
  const grid: BenchGrid =
    duration === undefined
      ? chosen
      : {
          ...chosen,
          cells: chosen.cells.map((cell) => ({ ...cell, durationSeconds: duration })),
        };
  return {
    grid,
    settings: {
      ...base,
      traffic,
      ...(options.preferredWait === undefined
        ? {}
        : { preferredWaitSeconds: options.preferredWait }),
    },
    systems:
      options.system !== undefined
        ? [options.system]
        : options.policyGrid
          ? ["event-stream"]
          : benchSystems,
    seed: options.seed,
    out: options.out,
    jobs: options.jobs,
  };
}

/**
 * `pnpm bench [-- --quick | --agents N --rate R [--duration S]] [--system S] [--seed K]
 * [--out DIR]`: runs the grid (or one cell) and writes `results.json`, `report.md` and
 * `chart.svg`; progress goes to stderr, as a bar with an ETA on a terminal.
 */
export async function benchCommand(argv: readonly string[]): Promise<void> {
  const plan = parseBenchArguments(argv);
  // pnpm runs the script in the package; `out/bench` is meant at the repository root.
  const { INIT_CWD: invokedFrom } = process.env;
  const outDir = resolve(invokedFrom ?? process.cwd(), plan.out);
  const interactive = process.stderr.isTTY === true;
  const { results } = await runBench({
    grid: plan.grid,
    settings: plan.settings,
    systems: plan.systems,
    outDir,
    seed: plan.seed,
    jobs: plan.jobs,
    log: (line) => process.stderr.write(`${line}\n`),
    progress: interactive ? progressBar() : progressLines(),
    // Built beside this file (tsup entry `cell-worker`): one thread per cell, so what a cell's
    // runs load is freed with it.
    cellRunner: () => workerCellRunner(new URL("./cell-worker.js", import.meta.url)),
  });
  // The smoke test in CI relies on this: a report with a hole fails the command.
  const missing = [
    ...missingEntries(results, plan.systems),
    ...plan.grid.cells
      .filter(
        (cell) =>
          !results.results.some(
            (result) =>
              result.agents === cell.agents && result.ratePerSecond === cell.ratePerSecond,
          ),
      )
      .map((cell) => `every system @ ${cell.agents}x${cell.ratePerSecond}`),
  ];
  if (missing.length > 0) {
    throw new Error(`the bench report is incomplete: missing ${missing.join(", ")}`);
  }
}

/** A progress bar over every run's contacts, with cli-progress's ETA. */
function progressBar(): BenchProgress {
  const bar = new SingleBar({
    format: "  {bar} {percentage}% | {value}/{total} contacts | ETA {eta_formatted} | {run}",
    hideCursor: true,
    etaBuffer: 200,
    fps: 2,
    stream: process.stderr,
  });
  return {
    start: (total) => bar.start(total, 0, { run: "" }),
    update: (settled, run) => bar.update(settled, { run }),
    stop: () => bar.stop(),
  };
}

/** Off a terminal: a line every 15 s of wall time with the share done and an estimate. */
function progressLines(): BenchProgress {
  let total = 0;
  let started = 0;
  let lastLine = 0;
  return {
    start: (contacts) => {
      total = contacts;
      started = performance.now();
      lastLine = started;
    },
    update: (settled, run) => {
      const now = performance.now();
      if (now - lastLine < 15_000 || settled === 0) return;
      lastLine = now;
      const elapsed = (now - started) / 1000;
      const eta = Math.round((elapsed * (total - settled)) / settled);
      process.stderr.write(
        `bench: ${settled}/${total} contacts settled (${Math.round((settled / total) * 100)} %, ETA ~${eta} s) — ${run}\n`,
      );
    },
    stop: () => {},
  };
}

function withMean(distribution: Distribution, meanMs: number): Distribution {
  switch (distribution.kind) {
    case "lognormal":
    case "exponential":
      return { ...distribution, meanMs };
    case "fixed":
      return { kind: "fixed", ms: meanMs };
    case "uniform":
      return { kind: "uniform", minMs: 0, maxMs: 2 * meanMs };
  }
}

function integerAtLeast(min: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) {
      throw new InvalidArgumentError(`must be an integer${min > 0 ? ` ≥ ${min}` : ""}`);
    }
    return parsed;
  };
}

/** A wait in whole seconds, as flow-builder and the handlers take it (0 to 600). */
function waitSeconds(value: string): number {
  const parsed = Number(value);
  if (!(Number.isInteger(parsed) && parsed >= 0 && parsed <= 600)) {
    throw new InvalidArgumentError("must be a whole number of seconds from 0 to 600");
  }
  return parsed;
}

function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (!(Number.isFinite(parsed) && parsed > 0)) throw new InvalidArgumentError("must be > 0");
  return parsed;
}

function nonNegativeNumber(value: string): number {
  const parsed = Number(value);
  if (!(Number.isFinite(parsed) && parsed >= 0)) throw new InvalidArgumentError("must be ≥ 0");
  return parsed;
}

function share(value: string): number {
  const parsed = Number(value);
  if (!(Number.isFinite(parsed) && parsed >= 0 && parsed <= 1)) {
    throw new InvalidArgumentError("must be between 0 and 1");
  }
  return parsed;
}
