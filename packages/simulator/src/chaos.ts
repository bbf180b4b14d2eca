import { chaosMatrix } from "./chaos/chaos-matrix.js";
import { chaosTable } from "./chaos/chaos-table.js";
import { runChaos } from "./chaos/run-chaos.js";

/**
 * `pnpm chaos [-- --quick]`: the real handler bundles on a simulated instance under each fault
 * of the matrix (the quick subset with `--quick`), then the table. Exits 1 when a row did not
 * answer within its budget or lost something, so CI fails on it.
 */
async function main(): Promise<number> {
  const quick = process.argv.includes("--quick");
  const faults = quick ? chaosMatrix.filter((fault) => fault.quick) : chaosMatrix;
  process.stderr.write(
    `Running ${faults.length} faults${quick ? " (the quick subset)" : ""} on the real handler bundles…\n`,
  );
  const rows = await runChaos(faults, (row) => {
    process.stderr.write(`  ${row.ok ? "ok  " : "FAIL"} ${row.fault} › ${row.handler}\n`);
  });
  process.stdout.write(`${chaosTable(rows)}\n`);
  const failed = rows.filter((row) => !row.ok);
  process.stdout.write(
    `\n${rows.length} invocations under ${faults.length} faults: ${rows.length - failed.length} answered within budget with nothing lost, ${failed.length} did not.\n`,
  );
  return failed.length === 0 ? 0 : 1;
}

main().then(
  // A hanging Connect stand-in keeps its timers; the run is over, so end the process.
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(2);
  },
);
