import { readFile, writeFile } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Command, InvalidArgumentError, Option } from "commander";
import { lintExitCode, lintFiles, lintReport, messageOf } from "./cli/lint-files.js";
import { type RenderFormat, renderFlow, renderFormats } from "./cli/render-file.js";
import { synthFlows } from "./cli/synth.js";
import { findWorkspaceRoot } from "./cli/workspace-root.js";
import {
  type Binding,
  bindings,
  type FlowLanguage,
  type FlowOptions,
  flowLanguages,
} from "./generators/flow-options.js";
import { FlowOptionsError } from "./generators/flow-options-error.js";
import { type FlowVariant, flowVariants } from "./generators/generate-flow.js";
import {
  placeholderCustomerQueueFlowArn,
  placeholderLambdaArns,
  placeholderQueueArns,
  placeholderStickyFlowArn,
} from "./generators/placeholder-arns.js";
import { type FlowType, flowTypes } from "./model/flow-type.js";
import { FlowParseError } from "./parse/flow-parse-error.js";
import { readFlow } from "./parse/parse-flow.js";
import { flowToJson } from "./render/flow-to-json.js";
import { SpliceError } from "./splice/splice-error.js";
import { spliceStickyRouting } from "./splice/splice-sticky-routing.js";
import { type ValidationProfile, validationProfiles } from "./validation/validation-options.js";

interface LambdaArnOptions {
  readonly routeArn?: string;
  readonly nextAgentArn?: string;
  readonly recordArn?: string;
  readonly routingCriteriaArn?: string;
  readonly maxAttempts?: number;
  readonly language?: FlowLanguage;
}

interface SynthCommandOptions extends LambdaArnOptions {
  readonly out?: string;
  readonly variant?: FlowVariant;
  readonly fallbackQueueArn?: string;
  readonly standardQueueArn?: string;
  readonly preferredWait?: number;
  readonly binding?: Binding;
  readonly requiredWait?: number;
  readonly customerQueueFlowArn?: string;
}

interface LintCommandOptions {
  readonly type?: FlowType;
  readonly profile: ValidationProfile;
  readonly json?: boolean;
}

interface RenderCommandOptions {
  readonly format: RenderFormat;
  readonly out?: string;
}

interface SpliceCommandOptions extends LambdaArnOptions {
  readonly at: string;
  readonly variant: FlowVariant;
  readonly transferToFlow?: string | true;
  readonly type?: FlowType;
  readonly out: string;
}

const packageDirectory = fileURLToPath(new URL("..", import.meta.url));
// pnpm runs scripts in the package directory; INIT_CWD is where the user typed the command.
const userDirectory = process.env["INIT_CWD"] ?? process.cwd();
/** A path as the user would type it: relative to where they are, unless it lies elsewhere. */
const display = (file: string): string => {
  const path = relative(userDirectory, file);
  return path === "" || path.startsWith("..") ? file : path;
};

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("must be a whole number");
  return Number(value);
}

/** Adds the Lambda ARN, attempts and language options `synth` and `splice` share. */
function withRoutingOptions(command: Command): Command {
  return command
    .option("--route-arn <arn>", "ARN of the route Lambda")
    .option("--next-agent-arn <arn>", "ARN of the next-agent Lambda")
    .option("--record-arn <arn>", "ARN of the record Lambda")
    .option("--routing-criteria-arn <arn>", "ARN of the routing-criteria Lambda")
    .option(
      "--max-attempts <n>",
      "agents the agent-queue routing checks in all (1-100)",
      wholeNumber,
    )
    .addOption(
      new Option("--language <language>", "the caller's language (messages, voice)").choices(
        flowLanguages,
      ),
    );
}

function lambdaArnsOf(options: LambdaArnOptions): FlowOptions["lambdaArns"] {
  return {
    route: options.routeArn ?? placeholderLambdaArns.route,
    nextAgent: options.nextAgentArn ?? placeholderLambdaArns.nextAgent,
    record: options.recordArn ?? placeholderLambdaArns.record,
    routingCriteria: options.routingCriteriaArn ?? placeholderLambdaArns.routingCriteria,
  };
}

const program = new Command()
  .name("flow")
  .description("Generate, lint, draw and splice Amazon Connect flows (the flow language's JSON).")
  .showHelpAfterError();

withRoutingOptions(
  program
    .command("synth")
    .description(
      "Write <variant>.json, .mmd and .svg for every flow variant (placeholder ARNs unless given); exit 1 if a flow fails the strict profile.",
    )
    .option("--out <dir>", "output directory (default: <repository root>/out/flows)")
    .addOption(new Option("--variant <variant>", "only this variant").choices(flowVariants))
    .option("--fallback-queue-arn <arn>", "queue taking calls no preferred agent can take")
    .option("--standard-queue-arn <arn>", "standard queue of the routing-criteria flow")
    .option(
      "--preferred-wait <seconds>",
      "how long a returning caller waits for their busy agent (0-600, default 10; 0: no wait, the agent's queue then bounded by the 5 s guard)",
      wholeNumber,
    )
    .addOption(
      new Option("--binding <binding>", "preferred (default) or required").choices(bindings),
    )
    .option(
      "--required-wait <seconds>",
      "with --binding required: the longest wait for the agent (1-600, default 120)",
      wholeNumber,
    )
    .option(
      "--customer-queue-flow-arn <arn>",
      "ARN of the deployed customer queue flow (default: a placeholder)",
    ),
).action(async (command: SynthCommandOptions) => {
  const outDir =
    command.out === undefined
      ? resolve(findWorkspaceRoot(packageDirectory), "out", "flows")
      : resolve(userDirectory, command.out);
  const options: FlowOptions = {
    lambdaArns: lambdaArnsOf(command),
    standardQueueArn: command.standardQueueArn ?? placeholderQueueArns.standard,
    ...(command.fallbackQueueArn === undefined
      ? {}
      : { fallbackQueueArn: command.fallbackQueueArn }),
    ...(command.maxAttempts === undefined ? {} : { maxAttempts: command.maxAttempts }),
    ...(command.language === undefined ? {} : { language: command.language }),
    ...(command.preferredWait === undefined ? {} : { preferredWaitSeconds: command.preferredWait }),
    ...(command.binding === undefined ? {} : { binding: command.binding }),
    ...(command.requiredWait === undefined ? {} : { requiredWaitSeconds: command.requiredWait }),
    customerQueueFlowArn: command.customerQueueFlowArn ?? placeholderCustomerQueueFlowArn,
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
      console.log(`${display(file)}  ${result.actionCount} actions`);
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

program
  .command("lint")
  .description(
    "Validate flow files (flow-language JSON, DescribeContactFlow output or an export wrapper). Exit 0 when every file passes, 1 when any has problems, 2 when any cannot be read.",
  )
  .argument("<file...>", "flow files")
  .addOption(
    new Option(
      "--type <type>",
      "the flow type (default: what the file says, else CONTACT_FLOW)",
    ).choices(flowTypes),
  )
  .addOption(
    new Option("--profile <profile>", "service: what Connect rejects; strict: our house rules too")
      .choices(validationProfiles)
      .default("service"),
  )
  .option("--json", "print the results as JSON")
  .action(async (files: readonly string[], command: LintCommandOptions) => {
    const results = await lintFiles(
      files.map((file) => resolve(userDirectory, file)),
      {
        profile: command.profile,
        ...(command.type === undefined ? {} : { flowType: command.type }),
      },
    );
    if (command.json === true) {
      const shown = results.map((result) => ({ ...result, file: display(result.file) }));
      process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    } else {
      process.stdout.write(lintReport(results, display));
    }
    process.exitCode = lintExitCode(results);
  });

program
  .command("render")
  .description("Draw a flow file as Mermaid, Graphviz DOT or SVG.")
  .argument("<file>", "flow file")
  .addOption(
    new Option("--format <format>", "picture format").choices(renderFormats).makeOptionMandatory(),
  )
  .option("--out <file>", "write here instead of standard output")
  .action(async (file: string, command: RenderCommandOptions) => {
    const { flow } = await readFlowFile(file);
    const picture = await renderFlow(flow, command.format);
    if (command.out === undefined) {
      process.stdout.write(picture);
      return;
    }
    const out = resolve(userDirectory, command.out);
    await writeFile(out, picture, "utf8");
    console.log(`${display(out)}  ${command.format}, ${flow.Actions.length} actions`);
  });

withRoutingOptions(
  program
    .command("splice")
    .description(
      "Put sticky routing in front of an action of an existing flow (typically its TransferContactToQueue), keep the flow's own error paths, and validate the result (service profile). Exit 1 if it has problems (the file is still written), 2 if the flow cannot be read or spliced.",
    )
    .argument("<file>", "the flow to splice into")
    .requiredOption("--at <identifier>", "Identifier of the action sticky routing goes in front of")
    .addOption(
      new Option("--variant <variant>", "the routing to splice in")
        .choices(flowVariants)
        .default("agent-queue"),
    )
    .option(
      "--transfer-to-flow [arn]",
      "instead, wire a TransferToFlow to the deployed sticky flow (default: a placeholder ARN)",
    )
    .addOption(
      new Option(
        "--type <type>",
        "the flow's type (default: what the file says, else CONTACT_FLOW)",
      ).choices(flowTypes),
    )
    .requiredOption("--out <file>", "where to write the spliced flow"),
).action(async (file: string, command: SpliceCommandOptions) => {
  const parsed = await readFlowFile(file);
  const flowType = command.type ?? parsed.flowType ?? "CONTACT_FLOW";
  const transferToFlow =
    command.transferToFlow === true ? placeholderStickyFlowArn : command.transferToFlow;
  let result: ReturnType<typeof spliceStickyRouting>;
  try {
    result = spliceStickyRouting(parsed.flow, {
      at: command.at,
      variant: command.variant,
      flowType,
      ...(transferToFlow === undefined ? {} : { transferToFlow }),
      flowOptions: {
        lambdaArns: lambdaArnsOf(command),
        // The agent-queue section bounds the stay in an agent's queue with the customer queue
        // flow: a placeholder to replace with the deployed one's ARN.
        customerQueueFlowArn: placeholderCustomerQueueFlowArn,
        ...(command.maxAttempts === undefined ? {} : { maxAttempts: command.maxAttempts }),
        ...(command.language === undefined ? {} : { language: command.language }),
      },
    });
  } catch (error) {
    if (error instanceof SpliceError) fail(error.message);
    throw error;
  }
  const out = resolve(userDirectory, command.out);
  await writeFile(out, `${flowToJson(result.flow, { keyOrder: "preserve" })}\n`, "utf8");
  const what = transferToFlow === undefined ? command.variant : `TransferToFlow ${transferToFlow}`;
  console.log(
    `${display(out)}  ${what} in front of "${command.at}": ${result.added.length} action(s) added, ${result.redirected} transition(s) now lead to "${result.entry}"`,
  );
  if (command.transferToFlow === true) {
    console.log(
      "  The TransferToFlow names a placeholder ARN: replace it with your sticky flow's ARN.",
    );
  }
  if (result.problems.length === 0) {
    console.log(`  passes the service profile as a ${flowType} flow`);
    return;
  }
  for (const problem of result.problems) {
    console.error(
      `  ${problem.actionId === undefined ? "(flow)" : problem.actionId}  [${problem.rule}] ${problem.message}`,
    );
  }
  process.exitCode = 1;
});

/** Reads and parses a flow file; an unreadable one ends the command with exit code 2. */
async function readFlowFile(file: string): Promise<ReturnType<typeof readFlow>> {
  const path = resolve(userDirectory, file);
  try {
    return readFlow(await readFile(path, "utf8"));
  } catch (error) {
    if (error instanceof FlowParseError || isFileError(error)) {
      fail(`${display(path)}: ${messageOf(error)}`);
    }
    throw error;
  }
}

function isFileError(error: unknown): boolean {
  return error instanceof Error && "code" in error && typeof error.code === "string";
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof FlowOptionsError) fail(error.message);
  throw error;
}
