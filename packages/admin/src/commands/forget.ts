import { Command } from "commander";
import { resolveCaller, shortKey } from "../caller-keys.js";
import { confirm, type DestructiveOptions } from "../confirm.js";
import { plural } from "../format.js";
import { recordSummary } from "../record-view.js";
import { type CommandContext, print } from "./command-context.js";

/**
 * `forget KEY`: a customer's "delete my data". Erases their records under every key they may
 * be filed under, in every scope, with their pin and exclusions, and every contact index entry
 * that names them, and says what it removed. One identity at a time: a customer known by a
 * number and an email address is forgotten with one `forget` for each.
 */
export function forgetCommand(context: CommandContext): Command {
  return new Command("forget")
    .description(
      "erase everything held about a customer: their records (history, pin, exclusions) and contact index entries",
    )
    .argument(
      "<key>",
      "a phone number in any format, an email address, a customer key (customer:KEY), or a stored key (h1:…)",
    )
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
            agentIds: record.agents.map((agent) => agent.agentId),
            contactCount: record.contactCount,
            pinnedAgentId: record.pin?.agentId,
            excludedAgentIds: record.excludedAgentIds,
          })),
          recordKeys: erased.callerKeys.map(shortKey),
          contactIds: erased.contactIds,
        },
        nothing
          ? `Nothing held about ${caller.shown} in ${workspace.settings.tableName}.`
          : [
              `${verb} ${plural(erased.callerKeys.length, "record")} and ${plural(erased.contactIds.length, "contact index entry", "contact index entries")} for ${caller.shown}:`,
              ...erased.records.map(
                (record) => `  record ${shortKey(record.callerKey)}: ${recordSummary(record)}`,
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
