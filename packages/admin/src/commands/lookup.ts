import { Command } from "commander";
import { AdminError } from "../admin-error.js";
import { resolveCaller } from "../caller-keys.js";
import { exitCodes } from "../exit-codes.js";
import { columns } from "../format.js";
import { recordJson, recordRows } from "../record-view.js";
import { type CommandContext, print } from "./command-context.js";

/**
 * `lookup KEY`: a customer's records (their agents, pin and exclusions) under whichever key
 * they are filed, in every scope (one scan of the table: scoped records are found by prefix).
 */
export function lookupCommand(context: CommandContext): Command {
  return new Command("lookup")
    .description(
      "show the agents, pin and exclusions of a customer (KEY: a phone number, an email address, a customer key or a stored key)",
    )
    .argument(
      "<key>",
      "a phone number in any format, an email address, a customer key (customer:KEY), or a stored key (h1:…)",
    )
    .action(async (key: string) => {
      const workspace = context.workspace();
      const caller = resolveCaller(
        key,
        await workspace.callerKeys(),
        workspace.settings.defaultCallingCode,
      );
      const records = await workspace.store.customerRecords(
        caller.keys.map((candidate) => candidate.key),
      );
      const found = records.map((record) => ({
        record,
        filedBy:
          caller.keys.find(
            (candidate) =>
              record.callerKey === candidate.key ||
              record.callerKey.startsWith(`${candidate.key}#`),
          )?.filedBy ?? "as given",
      }));
      if (found.length === 0) {
        throw new AdminError(
          exitCodes.notFound,
          `No record for ${caller.shown} in ${workspace.settings.tableName} (looked under ${caller.keys
            .map((candidate) => candidate.filedBy)
            .join(", ")}, in every scope).`,
        );
      }
      const now = Date.now();
      print(
        context,
        found.map(({ record, filedBy }) => ({ ...recordJson(record, now), filedBy })),
        [
          `${caller.shown}:`,
          columns(found.flatMap(({ record, filedBy }) => recordRows(record, filedBy, now))),
        ].join("\n"),
      );
    });
}
