import { benchCommand } from "./bench/bench-command.js";

try {
  await benchCommand(process.argv.slice(2));
} catch (error) {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
}
