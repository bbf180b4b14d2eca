import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readFlow } from "@connect-affinity/flow-builder";
import { SingleBar } from "cli-progress";
import { Command } from "commander";
import { contactLine, heading, summaryTable } from "./report/report-text.js";
import { runScenario } from "./runner/run-scenario.js";
import { loadScenario } from "./scenario/load-scenario.js";
import { ScenarioError } from "./scenario/scenario-error.js";

const packageDirectory = fileURLToPath(new URL("..", import.meta.url));
const defaultScenario = "scenarios/seed-story.yaml";
/** Scenarios with more calls than this get a progress bar (on a terminal). */
const progressThreshold = 50;

interface CliOptions {
  readonly scenario: string;
  readonly json?: string;
  readonly quiet?: boolean;
  readonly flow?: string;
}

/**
 * A relative path is looked up where the user typed the command (pnpm runs scripts in the
 * package directory and keeps the original directory in INIT_CWD), then in this package, so
 * `--scenario scenarios/faults.yaml` works from anywhere.
 */
function locate(path: string): string {
  if (isAbsolute(path)) return path;
  const candidates = [
    resolve(invocationDirectory(), path),
    resolve(process.cwd(), path),
    resolve(packageDirectory, path),
  ];
  return candidates.find((candidate) => existsSync(candidate)) ?? (candidates[0] as string);
}

/** Where the user typed the command: pnpm runs scripts in the package and keeps it in INIT_CWD. */
function invocationDirectory(): string {
  const { INIT_CWD: initCwd } = process.env;
  return initCwd ?? process.cwd();
}

async function main(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name("connect-affinity-simulator")
    .description(
      "Runs a scenario on a local Amazon Connect: the generated flow, the real handler bundles, an embedded DynamoDB and a Connect API emulator, on one simulated clock.",
    )
    .option("-s, --scenario <file>", "scenario YAML file", defaultScenario)
    .option("--json <file>", "also write the machine-readable report to this file")
    .option("-q, --quiet", "print only the summary")
    .option(
      "--flow <file>",
      "run this flow instead of the generated one (an existing flow with sticky routing spliced in)",
    )
    .showHelpAfterError()
    .parse([...argv], { from: "user" });
  const options = program.opts<CliOptions>();

  const scenarioPath = locate(options.scenario);
  const scenario = await loadScenario(scenarioPath);
  const flowPath = options.flow === undefined ? undefined : locate(options.flow);
  const flow = flowPath === undefined ? undefined : readFlow(await readFile(flowPath, "utf8")).flow;
  const interactive = process.stderr.isTTY === true && process.stdout.isTTY === true;
  const bar = new SingleBar({
    format: "  {bar} {value}/{total} calls",
    hideCursor: true,
    clearOnComplete: true,
    stream: process.stderr,
  });
  let barStarted = false;
  const started = performance.now();
  const report = await runScenario(scenario, {
    ...(flow === undefined ? {} : { flow }),
    onProgress: (settled, total) => {
      if (!interactive || total <= progressThreshold) return;
      if (!barStarted) {
        bar.start(total, 0);
        barStarted = true;
      }
      bar.update(settled);
    },
  });
  if (barStarted) bar.stop();
  const wallSeconds = (performance.now() - started) / 1000;

  const out: string[] = [heading(report), ""];
  if (flowPath !== undefined)
    out.splice(1, 0, `Flow: ${flowPath} (in place of the generated flow)`);
  if (options.quiet !== true) {
    for (const contact of report.contacts) out.push(contactLine(contact));
    out.push("");
  }
  out.push(summaryTable(report, wallSeconds));
  process.stdout.write(`${out.join("\n")}\n`);
  if (options.json !== undefined) {
    const target = resolve(invocationDirectory(), options.json);
    await writeFile(target, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`Report written to ${target}\n`);
  }
  if (report.summary.deadEnds > 0) {
    process.stderr.write(`${report.summary.deadEnds} contact(s) ended in a dead end.\n`);
    return 1;
  }
  return 0;
}

// `pnpm start -- --scenario X` may hand the script a literal "--" first: drop it.
const args = process.argv.slice(2);
main(args[0] === "--" ? args.slice(1) : args).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ScenarioError || error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
