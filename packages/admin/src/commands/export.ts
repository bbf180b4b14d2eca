import { createWriteStream } from "node:fs";
import { callerKey } from "@connect-affinity/core";
import { Command } from "commander";
import { AdminError } from "../admin-error.js";
import { exitCodes } from "../exit-codes.js";
import { isoTime, plural } from "../format.js";
import type { CommandContext } from "./command-context.js";

interface ExportOptions {
  readonly hashed?: boolean;
  readonly output?: string;
}

/**
 * `export --hashed`: every caller's record as JSON lines, the caller only as a keyed hash (a
 * record filed under a raw number is hashed with the deployed secret on the way out), so the
 * file holds no phone number.
 */
export function exportCommand(context: CommandContext): Command {
  return new Command("export")
    .description("write every record as JSON lines, callers as keyed hashes only")
    .option("--hashed", "required: callers appear only as keyed hashes (h1:…)")
    .option("-o, --output <file>", "write to a file instead of standard output")
    .action(async (options: ExportOptions) => {
      if (options.hashed !== true) {
        throw new AdminError(
          exitCodes.usage,
          "export writes callers as keyed hashes only: pass --hashed (a file of raw phone numbers is not something this tool makes).",
        );
      }
      const workspace = context.workspace();
      const { callerKeySecret } = await workspace.callerKeys();
      if (callerKeySecret === undefined) {
        throw new AdminError(
          exitCodes.configuration,
          "export --hashed needs the caller-key secret to hash callers: pass --secret-ref (ssm:NAME or a secret ARN) or --stack-outputs FILE, or set CALLER_KEY_SECRET_REF.",
        );
      }
      const file = options.output === undefined ? undefined : createWriteStream(options.output);
      const write = (line: string): void => {
        if (file === undefined) context.io.out(line);
        else file.write(`${line}\n`);
      };
      let count = 0;
      for await (const entry of workspace.store.entries()) {
        if (entry.kind !== "record") continue;
        const { record } = entry;
        write(
          JSON.stringify({
            callerKey: record.callerKey.startsWith("+")
              ? callerKey(record.callerKey, callerKeySecret)
              : record.callerKey,
            agentId: record.agentId,
            lastContactAt: isoTime(record.lastContactAt),
            contactCount: record.contactCount,
            expiresAt: isoTime(record.expiresAt * 1000),
          }),
        );
        count += 1;
      }
      if (file !== undefined) {
        await new Promise<void>((resolve, reject) =>
          file.end((error?: Error | null) => (error ? reject(error) : resolve())),
        );
        context.io.err(`Wrote ${plural(count, "record")} to ${options.output}.`);
      }
    });
}
