import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Command, InvalidArgumentError, Option } from "commander";
import { synthFlows } from "./cli/synth.js";
import { findWorkspaceRoot } from "./cli/workspace-root.js";
import { type FlowLanguage, type FlowOptions, flowLanguages } from "./generators/flow-options.js";
import { type FlowVariant, flowVariants } from "./generators/generate-flow.js";
import { placeholderLambdaArns, placeholderQueueArns } from "./generators/placeholder-arns.js";

interface SynthCommandOptions {
  readonly out?: string;
  readonly variant?: FlowVariant;
  readonly routeArn?: string;
  readonly nextAgentArn?: string;
  readonly recordArn?: string;
  readonly routingCriteriaArn?: string;
  readonly fallbackQueueArn?: string;
  readonly standardQueueArn?: string;
  readonly maxAttempts?: number;
  readonly language?: FlowLanguage;
}

const packageDirectory = fileURLToPath(new URL("..", import.meta.url));
// pnpm runs scripts in the package directory; INIT_CWD is where the user typed the command.
const userDirectory = process.env["INIT_CWD"] ?? process.cwd();

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("must be a whole number");
  return Number(value);
}

const program = new Command()
  .name("flow-builder")
  .description("Generate, validate and draw the sticky-agent Amazon Connect flows.");

program
  .command("synth")
  .description(
    "Write <variant>.json, .mmd and .svg for every flow variant (placeholder ARNs unless given); exit 1 if a flow fails validation.",
  )
  .option("--out <dir>", "output directory (default: <repository root>/out/flows)")
  .addOption(new Option("--variant <variant>", "only this variant").choices(flowVariants))
  .option("--route-arn <arn>", "ARN of the route Lambda")
  .option("--next-agent-arn <arn>", "ARN of the next-agent Lambda")
  .option("--record-arn <arn>", "ARN of the record Lambda")
  .option("--routing-criteria-arn <arn>", "ARN of the routing-criteria Lambda")
  .option("--fallback-queue-arn <arn>", "queue taking calls no preferred agent can take")
  .option("--standard-queue-arn <arn>", "standard queue of the routing-criteria flow")
  .option("--max-attempts <n>", "agents the agent-queue flow checks in all (1-100)", wholeNumber)
  .addOption(
    new Option("--language <language>", "the caller's language (messages, voice)").choices(
      flowLanguages,
    ),
  )
  .action(async (command: SynthCommandOptions) => {
    const outDir =
      command.out === undefined
        ? resolve(findWorkspaceRoot(packageDirectory), "out", "flows")
        : resolve(userDirectory, command.out);
    const options: FlowOptions = {
      lambdaArns: {
        route: command.routeArn ?? placeholderLambdaArns.route,
        nextAgent: command.nextAgentArn ?? placeholderLambdaArns.nextAgent,
        record: command.recordArn ?? placeholderLambdaArns.record,
        routingCriteria: command.routingCriteriaArn ?? placeholderLambdaArns.routingCriteria,
      },
      standardQueueArn: command.standardQueueArn ?? placeholderQueueArns.standard,
      ...(command.fallbackQueueArn === undefined
        ? {}
        : { fallbackQueueArn: command.fallbackQueueArn }),
      ...(command.maxAttempts === undefined ? {} : { maxAttempts: command.maxAttempts }),
      ...(command.language === undefined ? {} : { language: command.language }),
    };
    const variants = command.variant === undefined ? flowVariants : [command.variant];
    const results = await synthFlows(outDir, variants, options);
    let failed = false;
    for (const result of results) {
      if (result.status === "failed") {
        failed = true;
        console.error(`${result.variant}: ${result.error}`);
        continue;
      }
      for (const file of result.files) {
        console.log(`${relative(userDirectory, file)}  ${result.actionCount} actions`);
      }
      if (result.problems.length > 0) {
        failed = true;
        for (const problem of result.problems) {
          console.error(`${result.variant}: [${problem.rule}] ${problem.message}`);
        }
      }
    }
    if (failed) process.exitCode = 1;
  });

await program.parseAsync(process.argv);
