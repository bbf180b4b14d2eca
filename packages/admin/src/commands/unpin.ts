import { Command } from "commander";
import { AdminError } from "../admin-error.js";
import { shortKey } from "../caller-keys.js";
import { exitCodes } from "../exit-codes.js";
import { plural } from "../format.js";
import { preferenceTarget } from "../preference-target.js";
import { type CommandContext, print } from "./command-context.js";

interface UnpinOptions {
  readonly dryRun?: boolean;
}

/**
 * `unpin KEY`: removes a customer's pin under every key it may be filed under (the current
 * key, the previous one during a rotation, the raw form); the customer is routed by their
 * history again. Their history and exclusions stay.
 */
export function unpinCommand(context: CommandContext): Command {
  return new Command("unpin")
    .description("remove a customer's pin: they are routed by their history again")
    .argument(
      "<key>",
      "a phone number in any format, an email address, a customer key (customer:KEY), or a stored key (h1:…)",
    )
    .option("--dry-run", "say which pin would be removed, change nothing")
    .action(async (key: string, options: UnpinOptions) => {
      const workspace = context.workspace();
      const target = await preferenceTarget(workspace, key);
      const dryRun = options.dryRun === true;
      const removed: { readonly key: string; readonly agentId: string }[] = [];
      for (const candidate of target.caller.keys) {
        const pin = (await workspace.store.find(candidate.key))?.pin;
        if (pin === undefined) continue;
        if (!dryRun) await workspace.store.unpin(candidate.key);
        removed.push({ key: candidate.key, agentId: pin.agentId });
      }
      if (removed.length === 0) {
        throw new AdminError(
          exitCodes.notFound,
          `No pin for ${target.caller.shown} in ${workspace.settings.tableName} (looked under ${target.caller.keys
            .map((candidate) => candidate.filedBy)
            .join(", ")}).`,
        );
      }
      print(
        context,
        {
          dryRun,
          caller: target.caller.shown,
          removed: removed.map(({ key: stored, agentId }) => ({
            callerKey: shortKey(stored),
            agentId,
          })),
        },
        `${dryRun ? "Would remove" : "Removed"} ${plural(removed.length, "pin")} of ${target.caller.shown}: ${removed
          .map(({ key: stored, agentId }) => `agent ${agentId} (${shortKey(stored)})`)
          .join(", ")}.`,
      );
    });
}
