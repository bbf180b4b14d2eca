import { ConnectAffinityError } from "@connect-affinity/core";
import { ConfigurationError, SecretUnavailableError } from "@connect-affinity/handlers/secrets";
import { Command, CommanderError, Option } from "commander";
import { AdminError } from "./admin-error.js";
import type { CommandContext } from "./commands/command-context.js";
import { commands } from "./commands/index.js";
import { type ExitCode, exitCodeMeanings, exitCodes } from "./exit-codes.js";
import type { Io } from "./io.js";
import type { GlobalOptions } from "./settings.js";
import { openWorkspace, type Workspace } from "./workspace.js";

/**
 * Runs `connect-affinity` with `argv` (the arguments after the program name) and answers its
 * exit code; every failure is printed on `io.err` with what to do about it.
 *
 * @example
 * ```ts
 * const code = await runCli(["lookup", "+81 90-1234-5678", "--table", "affinity"], processIo());
 * ```
 */
export async function runCli(argv: readonly string[], io: Io): Promise<ExitCode> {
  let workspace: Workspace | undefined;
  const program = new Command("connect-affinity")
    .description(
      "The operator's tool for a connect-affinity stack's data: the affinity table, with the deployed caller-key secret.",
    )
    .addOption(new Option("--table <name>", "the affinity table (default: $AFFINITY_TABLE_NAME)"))
    .addOption(
      new Option(
        "--stack-outputs <file>",
        "a `pulumi stack output --json` file: table, Region, secret references",
      ),
    )
    .addOption(new Option("--region <region>", "the table's Region (default: $AWS_REGION)"))
    .addOption(
      new Option("--endpoint <url>", "a local DynamoDB (dynalite, DynamoDB Local) instead of AWS"),
    )
    .addOption(
      new Option(
        "--secret-ref <ref>",
        "where the caller-key secret lives: ssm:NAME, secretsmanager:NAME or an ARN (default: $CALLER_KEY_SECRET_REF)",
      ),
    )
    .addOption(
      new Option(
        "--previous-secret-ref <ref>",
        "during a rotation, the previous secret, or raw-number (default: $CALLER_KEY_PREVIOUS_SECRET_REF)",
      ),
    )
    .addOption(
      new Option(
        "--calling-code <code>",
        "country calling code for national numbers, e.g. 81 (default: $DEFAULT_CALLING_CODE)",
      ),
    )
    .addOption(new Option("--json", "print results as JSON"))
    .addHelpText(
      "after",
      [
        "",
        "Configuration: options first, then --stack-outputs, then the functions' variables.",
        "Destructive commands (forget, drop-agent, rekey) ask first unless --yes; --dry-run changes nothing.",
        "",
        "Exit codes:",
        ...Object.entries(exitCodeMeanings).map(([code, meaning]) => `  ${code}  ${meaning}`),
      ].join("\n"),
    )
    .showHelpAfterError("(connect-affinity --help lists the commands and options)")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
    });
  const context: CommandContext = {
    io,
    globals: () => program.opts<GlobalOptions>(),
    workspace: () => {
      workspace ??= openWorkspace(program.opts<GlobalOptions>(), io);
      return workspace;
    },
  };
  for (const command of commands) {
    program.addCommand(
      command(context)
        .exitOverride()
        .configureOutput({
          writeOut: (text) => io.out(text.trimEnd()),
          writeErr: (text) => io.err(text.trimEnd()),
        }),
    );
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCodes.ok;
  } catch (error) {
    return failure(error, io);
  } finally {
    workspace?.close();
  }
}

function failure(error: unknown, io: Io): ExitCode {
  if (error instanceof CommanderError) {
    // Help and version print and end normally; any other parse error was printed already.
    return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  }
  if (error instanceof AdminError) {
    io.err(error.message);
    return error.exitCode;
  }
  if (error instanceof ConfigurationError) {
    io.err(`${error.message}. Fix the option or variable named, or the stack's secret.`);
    return exitCodes.configuration;
  }
  if (error instanceof SecretUnavailableError) {
    io.err(error.message);
    return exitCodes.aws;
  }
  if (error instanceof Error && /^Region is missing/.test(error.message)) {
    // The SDK's own words when neither an option, AWS_REGION nor the profile names a Region.
    io.err(
      "No AWS Region: pass --region REGION or --stack-outputs FILE, set AWS_REGION, or give the profile a region (aws configure).",
    );
    return exitCodes.configuration;
  }
  const aws = awsFix(error);
  if (aws !== undefined) {
    io.err(aws);
    return exitCodes.aws;
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  io.err(
    error instanceof ConnectAffinityError
      ? message
      : `Unexpected error, please report it: ${message}`,
  );
  return exitCodes.unexpected;
}

/** What to do about an AWS SDK error, by its name; `undefined` for anything else. */
function awsFix(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  switch (error.name) {
    case "ResourceNotFoundException":
      return `The table does not exist in this account and Region (${error.message}): check --table / --stack-outputs and --region or AWS_REGION.`;
    case "AccessDeniedException":
    case "UnrecognizedClientException":
    case "ExpiredTokenException":
      return `AWS refused the call (${error.name}): use credentials that may call dynamodb:Scan, GetItem, DeleteItem, PutItem and DescribeTable on the table (AWS_PROFILE, or aws sso login).`;
    case "CredentialsProviderError":
      return "No AWS credentials found: set AWS_PROFILE (or run aws sso login), or pass --endpoint for a local table.";
    case "ProvisionedThroughputExceededException":
    case "ThrottlingException":
      return "DynamoDB throttled the scan: run the command again (it picks up where a table's capacity allows), or off-peak.";
    default:
      if (code === "ECONNREFUSED" || /ECONNREFUSED/.test(error.message)) {
        return `Nothing answers at the DynamoDB endpoint (${error.message}): start the local table or drop --endpoint.`;
      }
      return undefined;
  }
}
