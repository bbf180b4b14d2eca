import { Command } from "commander";
import { AdminError } from "../admin-error.js";
import { resolveCaller, shortKey } from "../caller-keys.js";
import { exitCodes } from "../exit-codes.js";
import { columns, isoTime } from "../format.js";
import { type CommandContext, print } from "./command-context.js";

/** `lookup KEY`: the caller's record, under whichever key it is filed. */
export function lookupCommand(context: CommandContext): Command {
  return new Command("lookup")
    .description("show the agent a caller is linked to (KEY: a phone number or a caller key)")
    .argument("<key>", "a phone number in any format, or a caller key (h1:…)")
    .action(async (key: string) => {
      const workspace = context.workspace();
      const caller = resolveCaller(
        key,
        await workspace.callerKeys(),
        workspace.settings.defaultCallingCode,
      );
      const found = [];
      for (const candidate of caller.keys) {
        const record = await workspace.store.find(candidate.key);
        if (record !== undefined) found.push({ candidate, record });
      }
      if (found.length === 0) {
        throw new AdminError(
          exitCodes.notFound,
          `No record for ${caller.shown} in ${workspace.settings.tableName} (looked under ${caller.keys
            .map((candidate) => candidate.filedBy)
            .join(", ")}).`,
        );
      }
      const now = Date.now();
      print(
        context,
        found.map(({ candidate, record }) => ({
          callerKey: shortKey(record.callerKey),
          filedBy: candidate.filedBy,
          agentId: record.agentId,
          lastContactId: record.lastContactId,
          lastContactAt: isoTime(record.lastContactAt),
          contactCount: record.contactCount,
          expiresAt: isoTime(record.expiresAt * 1000),
          expired: record.expiresAt * 1000 <= now,
        })),
        [
          `${caller.shown}:`,
          columns(
            found.flatMap(({ candidate, record }) => [
              ["  key", `${shortKey(record.callerKey)} (${candidate.filedBy})`],
              ["  agent", record.agentId],
              ["  last contact", `${record.lastContactId} at ${isoTime(record.lastContactAt)}`],
              ["  contacts", String(record.contactCount)],
              [
                "  expires",
                `${isoTime(record.expiresAt * 1000)}${record.expiresAt * 1000 <= now ? " (expired, not yet swept)" : ""}`,
              ],
            ]),
          ),
        ].join("\n"),
      );
    });
}
