import { AdminError } from "./admin-error.js";
import { exitCodes } from "./exit-codes.js";
import type { Io } from "./io.js";

/** The options every destructive command takes. */
export interface DestructiveOptions {
  readonly yes?: boolean;
  readonly dryRun?: boolean;
}

/**
 * Asks before a destructive command changes anything, unless `--yes` (or `--dry-run`, which
 * changes nothing). Without a terminal there is nobody to ask: the command stops and says to
 * pass `--yes`.
 *
 * @throws AdminError (exit 5) when the answer is no, or nobody can answer.
 */
export async function confirm(
  io: Io,
  options: DestructiveOptions,
  question: string,
): Promise<void> {
  if (options.yes === true || options.dryRun === true) return;
  if (!io.interactive) {
    throw new AdminError(
      exitCodes.declined,
      `${question} Not without a terminal to ask on: pass --yes to go ahead, or --dry-run to see what it would do.`,
    );
  }
  if (!(await io.ask(question))) {
    throw new AdminError(exitCodes.declined, "Nothing changed.");
  }
}
