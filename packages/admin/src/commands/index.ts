import type { Command } from "commander";
import { blockCommand } from "./block.js";
import type { CommandContext } from "./command-context.js";
import { dropAgentCommand } from "./drop-agent.js";
import { exportCommand } from "./export.js";
import { forgetCommand } from "./forget.js";
import { lookupCommand } from "./lookup.js";
import { pinCommand } from "./pin.js";
import { rekeyCommand } from "./rekey.js";
import { statsCommand } from "./stats.js";
import { unblockCommand } from "./unblock.js";
import { unpinCommand } from "./unpin.js";

/**
 * Every command, in `--help` order. A command is one file exporting a function from the
 * context to a commander `Command`; adding one is that file and its line here.
 */
export const commands: readonly ((context: CommandContext) => Command)[] = [
  lookupCommand,
  forgetCommand,
  dropAgentCommand,
  statsCommand,
  exportCommand,
  rekeyCommand,
  pinCommand,
  unpinCommand,
  blockCommand,
  unblockCommand,
];
