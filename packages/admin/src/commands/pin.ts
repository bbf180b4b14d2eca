import { Command } from "commander";
import { AdminError } from "../admin-error.js";
import { exitCodes } from "../exit-codes.js";
import { isoTime } from "../format.js";
import {
  adoptPreviousRecord,
  agentArnOf,
  agentIdOf,
  preferenceTarget,
} from "../preference-target.js";
import { type CommandContext, print } from "./command-context.js";

interface PinOptions {
  readonly until?: string;
  readonly instanceArn?: string;
  readonly dryRun?: boolean;
}

/**
 * `pin KEY AGENT [--until DATE]`: a dedicated agent for a customer, offered first, ahead of
 * whoever served them last, until the date given or until `unpin`. A pin replaces an earlier
 * one; an agent the customer excludes is never offered, pinned or not. Not destructive, so it
 * asks nothing.
 */
export function pinCommand(context: CommandContext): Command {
  return new Command("pin")
    .description("pin a customer to an agent, offered first from now on (until --until or unpin)")
    .argument(
      "<key>",
      "a phone number in any format, an email address, a customer key (customer:KEY), or a stored key (h1:…)",
    )
    .argument("<agent>", "the agent's Connect user ID, or their agent ARN")
    .option(
      "--until <date>",
      "when the pin ends: an ISO 8601 date or time (2027-03-31, 2027-03-31T18:00+09:00); a date alone ends at its start, UTC",
    )
    .option(
      "--instance-arn <arn>",
      "the Connect instance ARN, to build the agent ARN from a user ID (default: the stack outputs' instanceArn, or CONNECT_INSTANCE_ID)",
    )
    .option("--dry-run", "say what would be pinned, change nothing")
    .action(async (key: string, agent: string, options: PinOptions) => {
      const now = Date.now();
      const until = untilOf(options.until, now);
      const agentId = agentIdOf(agent);
      const workspace = context.workspace();
      const agentArn = agentArnOf(
        agent,
        agentId,
        options.instanceArn ?? workspace.settings.instanceArn,
      );
      const target = await preferenceTarget(workspace, key);
      const dryRun = options.dryRun === true;
      if (!dryRun) {
        await adoptPreviousRecord(workspace, target);
        try {
          await workspace.store.pin(target.writeKey, {
            agentId,
            agentArn,
            pinnedAt: now,
            ...(until === undefined ? {} : { until }),
          });
        } catch (error) {
          if (!(error instanceof RangeError)) throw error;
          throw new AdminError(exitCodes.usage, `Cannot pin ${agentId}: ${error.message}.`);
        }
      }
      print(
        context,
        {
          dryRun,
          caller: target.caller.shown,
          agentId,
          agentArn,
          until: until === undefined ? undefined : isoTime(until),
        },
        `${dryRun ? "Would pin" : "Pinned"} ${target.caller.shown} to agent ${agentId}${until === undefined ? " until unpinned" : ` until ${isoTime(until)}`}.`,
      );
    });
}

/**
 * `--until` as epoch ms.
 *
 * @throws AdminError (exit 2) for a date that does not parse, or one already past.
 */
function untilOf(text: string | undefined, now: number): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  const at = /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(at)) {
    throw new AdminError(
      exitCodes.usage,
      `--until ${text.slice(0, 40)}: not an ISO 8601 date or time (give 2027-03-31 or 2027-03-31T18:00+09:00).`,
    );
  }
  if (at <= now) {
    throw new AdminError(
      exitCodes.usage,
      `--until ${trimmed} is already past: give a later date, or leave --until out for a pin that lasts until unpin.`,
    );
  }
  return at;
}
