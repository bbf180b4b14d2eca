import type { Command } from "commander";
import type { CommandContext } from "./command-context.js";
import { dropAgentCommand } from "./drop-agent.js";
import { exportCommand } from "./export.js";
import { forgetCommand } from "./forget.js";
import { lookupCommand } from "./lookup.js";
import { rekeyCommand } from "./rekey.js";
import { statsCommand } from "./stats.js";

/**
 * Every command, in `--help` order. A command is one file exporting a function from the
 * context to a commander `Command`; adding one (`pin`, `unpin`, `block`, `unblock` when the
 * affinity model has pins and exclusions) is that file and its line here.
 */
export const commands: readonly ((context: CommandContext) => Command)[] = [
  lookupCommand,
  forgetCommand,
  dropAgentCommand,
  statsCommand,
  exportCommand,
  rekeyCommand,
];
