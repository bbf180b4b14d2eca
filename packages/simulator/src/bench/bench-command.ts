import { resolve } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { fullGrid, quickGrid } from "./bench-grid.js";
import { runBench } from "./run-bench.js";

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
  await runBench({
    grid: options.quick ? quickGrid : fullGrid,
    outDir,
    seed: options.seed,
    log: (line) => process.stderr.write(`${line}\n`),
  });
}
