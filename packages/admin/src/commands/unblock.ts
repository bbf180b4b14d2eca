import { Command } from "commander";
import { AdminError } from "../admin-error.js";
import { exitCodes } from "../exit-codes.js";
import { plural } from "../format.js";
import { agentIdOf, preferenceTarget } from "../preference-target.js";
import { type CommandContext, print } from "./command-context.js";

interface UnblockOptions {
  readonly dryRun?: boolean;
}

/**
 * `unblock KEY AGENT`: the customer may be offered this agent again. Removed under every key
 * the exclusion may be filed under (the current key, the previous one during a rotation, the
 * raw form).
 */
export function unblockCommand(context: CommandContext): Command {
  return new Command("unblock")
    .description("let a customer be offered an agent again")
    .argument(
      "<key>",
      "a phone number in any format, an email address, a customer key (customer:KEY), or a stored key (h1:…)",
    )
    .argument("<agent>", "the agent's Connect user ID, or their agent ARN")
    .option("--dry-run", "say what would be unblocked, change nothing")
    .action(async (key: string, agent: string, options: UnblockOptions) => {
      const agentId = agentIdOf(agent);
      const workspace = context.workspace();
      const target = await preferenceTarget(workspace, key);
      const dryRun = options.dryRun === true;
      let found = 0;
      for (const candidate of target.caller.keys) {
        const record = await workspace.store.find(candidate.key);
        if (record?.excludedAgentIds.includes(agentId) !== true) continue;
        if (!dryRun) await workspace.store.unblock(candidate.key, [agentId]);
        found += 1;
      }
      if (found === 0) {
        throw new AdminError(
          exitCodes.notFound,
          `${target.caller.shown} does not block agent ${agentId} in ${workspace.settings.tableName}.`,
        );
      }
      print(
        context,
        { dryRun, caller: target.caller.shown, agentId, records: found },
        `${dryRun ? "Would unblock" : "Unblocked"} agent ${agentId} for ${target.caller.shown} (${plural(found, "record")}).`,
      );
    });
}
