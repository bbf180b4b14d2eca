import { createWriteStream } from "node:fs";
import { Command } from "commander";
import { AdminError } from "../admin-error.js";
import { hashedKeyOf } from "../caller-keys.js";
import { exitCodes } from "../exit-codes.js";
import { isoTime, plural } from "../format.js";
import type { CommandContext } from "./command-context.js";

interface ExportOptions {
  readonly hashed?: boolean;
  readonly output?: string;
}

/**
 * `export --hashed`: every customer's record as JSON lines (its agents, pin and exclusions),
 * the customer only as a keyed hash (a record filed under a raw number, email address or
 * customer key is hashed with the deployed secret on the way out, its scope kept), so the file
 * holds no phone number or address.
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
        const latest = record.agents[0];
        write(
          JSON.stringify({
            callerKey: hashedKeyOf(record.callerKey, callerKeySecret) ?? record.callerKey,
            agentId: latest?.agentId,
            agents: record.agents.map((agent) => ({
              agentId: agent.agentId,
              lastServedAt: isoTime(agent.lastServedAt),
              contacts: agent.count,
              expiresAt: isoTime(agent.expiresAt * 1000),
            })),
            lastContactAt: isoTime(record.lastContact?.at),
            contactCount: record.contactCount,
            ...(record.pin === undefined
              ? {}
              : {
                  pin: {
                    agentId: record.pin.agentId,
                    pinnedAt: isoTime(record.pin.pinnedAt),
                    ...(record.pin.until === undefined ? {} : { until: isoTime(record.pin.until) }),
                  },
                }),
            ...(record.excludedAgentIds.length === 0
              ? {}
              : { excludedAgentIds: record.excludedAgentIds }),
            expiresAt: isoTime(latest === undefined ? undefined : latest.expiresAt * 1000),
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
