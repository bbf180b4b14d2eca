import { CommanderError } from "commander";
import { benchCommand } from "./bench/bench-command.js";

try {
  await benchCommand(process.argv.slice(2));
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version print and succeed; a bad argument gets its message and the hint.
    if (error.exitCode !== 0) {
      process.stderr.write(`bench: ${error.message.replace(/^error: /, "")} (see --help)\n`);
      process.exitCode = 2;
    }
  } else {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
