import { resolve } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { fullGrid, quickGrid } from "./bench-grid.js";
import { missingEntries } from "./report-markdown.js";
import { runBench } from "./run-bench.js";
import { workerCellRunner } from "./worker-cell-runner.js";

/**
 * `pnpm bench [-- --quick] [--out DIR] [--seed N]`: runs the benchmark grid and writes
 * `results.json`, `report.md` and `chart.svg`; progress goes to stderr.
 */
export async function benchCommand(argv: readonly string[]): Promise<void> {
  const program = new Command()
    .name("bench")
    .description(
      "Compare the seed's behaviour (baseline) with connect-affinity (API and event-stream presence) on the same simulated traffic.",
    )
    .option("--quick", "a small grid (smoke test, under a minute)", false)
    .option("--out <dir>", "output directory", "out/bench")
    .option(
      "--seed <n>",
      "traffic seed",
      (value) => {
        const seed = Number(value);
        if (!Number.isInteger(seed)) throw new InvalidArgumentError("must be an integer");
        return seed;
      },
      2026,
    )
    .parse(["node", "bench", ...argv.filter((arg) => arg !== "--")]);
  const options = program.opts<{ quick: boolean; out: string; seed: number }>();
  // pnpm runs the script in the package; `out/bench` is meant at the repository root.
  const { INIT_CWD: invokedFrom } = process.env;
  const outDir = resolve(invokedFrom ?? process.cwd(), options.out);
  const grid = options.quick ? quickGrid : fullGrid;
  const { results } = await runBench({
    grid,
    outDir,
    seed: options.seed,
    log: (line) => process.stderr.write(`${line}\n`),
    // Built beside this file (tsup entry `cell-worker`): one thread per cell, so what a cell's
    // runs load is freed with it.
    cellRunner: () => workerCellRunner(new URL("./cell-worker.js", import.meta.url)),
  });
  // The smoke test in CI relies on this: a report with a hole fails the command.
  const missing = [
    ...missingEntries(results),
    ...grid.cells
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
