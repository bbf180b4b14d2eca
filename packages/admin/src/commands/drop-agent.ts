import { Command } from "commander";
import { AdminError } from "../admin-error.js";
import { confirm, type DestructiveOptions } from "../confirm.js";
import { exitCodes } from "../exit-codes.js";
import { plural } from "../format.js";
import { startProgress } from "../progress.js";
import { type CommandContext, print } from "./command-context.js";

/** A Connect user ID, or the agent ARN ending in `/agent/<id>`. */
const agentIdPattern = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * `drop-agent AGENT`: offboarding. Removes the agent from every customer's records: from the
 * agents who served them (a customer served by others before keeps those; one served by
 * nobody else is routed as new next time), from pins (a customer pinned to them is routed by
 * history again) and from exclusions (an ID that will never route again). With a progress bar
 * over the table scan.
 */
export function dropAgentCommand(context: CommandContext): Command {
  return new Command("drop-agent")
    .description("remove an agent who left from every customer's history, pins and exclusions")
    .argument("<agent>", "the agent's Connect user ID, or their agent ARN")
    .option("-y, --yes", "do not ask")
    .option("--dry-run", "count the customers whose records name the agent, change nothing")
    .action(async (agent: string, options: DestructiveOptions) => {
      const agentId = agent.includes("/agent/") ? agent.slice(agent.lastIndexOf("/") + 1) : agent;
      if (!agentIdPattern.test(agentId)) {
        throw new AdminError(
          exitCodes.usage,
          `"${agent}" is not a Connect user ID or agent ARN (find it with aws connect list-users --instance-id …).`,
        );
      }
      const workspace = context.workspace();
      await confirm(
        context.io,
        options,
        `Remove agent ${agentId} from every customer's history, pins and exclusions in ${workspace.settings.tableName}?`,
      );
      const total = await workspace.store.approximateItemCount();
      const bar = startProgress(context.io, "drop-agent", total, context.globals().json !== true);
      const removed = await workspace.store.removeAgent(agentId, {
        dryRun: options.dryRun === true,
        onProgress: ({ scanned, removed: count }) =>
          bar.update(
            scanned,
            `(${plural(count, "record")} ${options.dryRun === true ? "found" : "changed"})`,
          ),
      });
      bar.stop();
      print(
        context,
        { dryRun: options.dryRun === true, agentId, ...removed },
        [
          `${options.dryRun === true ? "Would remove" : "Removed"} agent ${agentId} from ${plural(removed.removed, "record")} (${plural(removed.scanned, "item")} scanned): ${plural(removed.unpinned, "pin")} and ${plural(removed.unblocked, "exclusion")} among them.`,
          ...(removed.reassigned > 0
            ? [
                `${plural(removed.reassigned, "record")} no longer named the agent when rewritten and stayed as they were.`,
              ]
            : []),
        ].join("\n"),
      );
    });
}
