import { Command } from "commander";
import { AdminError } from "../admin-error.js";
import { exitCodes } from "../exit-codes.js";
import { adoptPreviousRecord, agentIdOf, preferenceTarget } from "../preference-target.js";
import { type CommandContext, print } from "./command-context.js";

interface BlockOptions {
  readonly dryRun?: boolean;
}

/**
 * `block KEY AGENT`: the customer is never offered this agent again (not as their agent, not
 * as a pin, not further down the walk), until `unblock`. At most 20 agents per customer. Not
 * destructive, so it asks nothing.
 */
export function blockCommand(context: CommandContext): Command {
  return new Command("block")
    .description("never offer an agent to a customer again (until unblock)")
    .argument(
      "<key>",
      "a phone number in any format, an email address, a customer key (customer:KEY), or a stored key (h1:…)",
    )
    .argument("<agent>", "the agent's Connect user ID, or their agent ARN")
    .option("--dry-run", "say what would be blocked, change nothing")
    .action(async (key: string, agent: string, options: BlockOptions) => {
      const agentId = agentIdOf(agent);
      const workspace = context.workspace();
      const target = await preferenceTarget(workspace, key);
      const dryRun = options.dryRun === true;
      let excluded: readonly string[] = [agentId];
      if (!dryRun) {
        await adoptPreviousRecord(workspace, target);
        try {
          excluded = (await workspace.store.block(target.writeKey, [agentId])).excludedAgentIds;
        } catch (error) {
          if (!(error instanceof RangeError)) throw error;
          throw new AdminError(
            exitCodes.usage,
            `Cannot block ${agentId} for ${target.caller.shown}: ${error.message}. Unblock one first (connect-affinity unblock KEY AGENT).`,
          );
        }
      }
      print(
        context,
        { dryRun, caller: target.caller.shown, agentId, excludedAgentIds: excluded },
        `${dryRun ? "Would block" : "Blocked"} agent ${agentId} for ${target.caller.shown}${dryRun ? "" : ` (never offered: ${excluded.join(", ")})`}.`,
      );
    });
}
