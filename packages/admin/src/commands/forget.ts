import { Command } from "commander";
import { resolveCaller, shortKey } from "../caller-keys.js";
import { confirm, type DestructiveOptions } from "../confirm.js";
import { plural } from "../format.js";
import { type CommandContext, print } from "./command-context.js";

/**
 * `forget KEY`: a customer's "delete my data". Erases their record under every key it may be
 * filed under and every contact index entry that names them, and says what it removed.
 */
export function forgetCommand(context: CommandContext): Command {
  return new Command("forget")
    .description("erase everything held about a caller: their record and contact index entries")
    .argument("<key>", "a phone number in any format, or a caller key (h1:…)")
    .option("-y, --yes", "do not ask")
    .option("--dry-run", "say what would be erased, erase nothing")
    .action(async (key: string, options: DestructiveOptions) => {
      const workspace = context.workspace();
      const caller = resolveCaller(
        key,
        await workspace.callerKeys(),
        workspace.settings.defaultCallingCode,
      );
      await confirm(
        context.io,
        options,
        `Erase everything ${workspace.settings.tableName} holds about ${caller.shown}?`,
      );
      const erased = await workspace.store.eraseCaller(
        caller.keys.map((candidate) => candidate.key),
        { dryRun: options.dryRun === true },
      );
      const verb = options.dryRun === true ? "Would erase" : "Erased";
      const nothing = erased.callerKeys.length === 0 && erased.contactIds.length === 0;
      print(
        context,
        {
          dryRun: options.dryRun === true,
          caller: caller.shown,
          records: erased.records.map((record) => ({
            callerKey: shortKey(record.callerKey),
            agentId: record.agentId,
            contactCount: record.contactCount,
          })),
          recordKeys: erased.callerKeys.map(shortKey),
          contactIds: erased.contactIds,
        },
        nothing
          ? `Nothing held about ${caller.shown} in ${workspace.settings.tableName}.`
          : [
              `${verb} ${plural(erased.callerKeys.length, "record")} and ${plural(erased.contactIds.length, "contact index entry", "contact index entries")} for ${caller.shown}:`,
              ...erased.records.map(
                (record) =>
                  `  record ${shortKey(record.callerKey)}: agent ${record.agentId}, ${plural(record.contactCount, "contact")}`,
              ),
              ...(erased.callerKeys.length > erased.records.length
                ? [
                    `  ${plural(erased.callerKeys.length - erased.records.length, "unreadable item")}`,
                  ]
                : []),
              ...erased.contactIds.map((contactId) => `  contact ${contactId}`),
            ].join("\n"),
      );
    });
}
