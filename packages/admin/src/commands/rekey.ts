import { readFileSync } from "node:fs";
import { callerKey, parseCaller } from "@connect-affinity/core";
import type { RekeyOutcome } from "@connect-affinity/core/dynamodb";
import { Command } from "commander";
import { AdminError } from "../admin-error.js";
import { confirm, type DestructiveOptions } from "../confirm.js";
import { exitCodes } from "../exit-codes.js";
import { plural } from "../format.js";
import type { Io } from "../io.js";
import { startProgress } from "../progress.js";
import { type CommandContext, print } from "./command-context.js";

interface RekeyOptions extends DestructiveOptions {
  readonly numbers?: string;
}

/** One record to move: from the key it is filed under to the current key. */
interface Move {
  readonly from: string;
  readonly to: string;
}

/**
 * `rekey`: files records under the current caller-key secret.
 *
 * - Records keyed by a raw number (a table written without a secret, or before one was set) are
 *   all found by a scan and moved: the number is the key, so its hash can be computed.
 * - Records keyed by the previous secret's hash can only be moved for numbers given with
 *   `--numbers FILE` (one per line; `-` reads standard input): a keyed hash cannot be turned
 *   back into the number, which is the point of it. The others stay readable while the stack
 *   keeps the previous secret, and move by themselves on the caller's next contact, which is
 *   written under the current key.
 */
export function rekeyCommand(context: CommandContext): Command {
  return new Command("rekey")
    .description(
      "move records to the current caller-key secret (raw numbers, and --numbers under the previous secret)",
    )
    .option(
      "--numbers <file>",
      "phone numbers (one per line, - for standard input) whose records to move from the previous secret",
    )
    .option("-y, --yes", "do not ask")
    .option("--dry-run", "say what would move, move nothing")
    .action(async (options: RekeyOptions) => {
      const workspace = context.workspace();
      const keys = await workspace.callerKeys();
      const current = keys.callerKeySecret;
      if (current === undefined) {
        throw new AdminError(
          exitCodes.configuration,
          "rekey moves records to the current caller-key secret, and none is configured: pass --secret-ref or --stack-outputs FILE, or set CALLER_KEY_SECRET_REF.",
        );
      }
      const moves: Move[] = [];
      let hashed = 0;
      for await (const entry of workspace.store.entries()) {
        if (entry.kind !== "record") continue;
        const key = entry.record.callerKey;
        if (key.startsWith("+")) moves.push({ from: key, to: callerKey(key, current) });
        else hashed += 1;
      }
      const rawMoves = moves.length;
      if (options.numbers !== undefined) {
        const previous = keys.previousCallerKey;
        if (previous === undefined || previous === "raw-number") {
          throw new AdminError(
            exitCodes.configuration,
            "--numbers moves records from the previous secret, and none is configured: pass --previous-secret-ref, or set CALLER_KEY_PREVIOUS_SECRET_REF (raw-number records move without --numbers).",
          );
        }
        for (const e164 of await numbersOf(
          context.io,
          options.numbers,
          workspace.settings.defaultCallingCode,
        )) {
          moves.push({ from: callerKey(e164, previous.secret), to: callerKey(e164, current) });
        }
      }
      await confirm(
        context.io,
        options,
        `Move up to ${plural(moves.length, "record")} in ${workspace.settings.tableName} to the current caller key?`,
      );
      const outcomes: Record<RekeyOutcome, number> = {
        moved: 0,
        "kept-newer": 0,
        absent: 0,
        changed: 0,
      };
      const bar = startProgress(context.io, "rekey", moves.length, context.globals().json !== true);
      for (const [index, move] of moves.entries()) {
        const outcome = await workspace.store.rekeyRecord(move.from, move.to, {
          dryRun: options.dryRun === true,
        });
        outcomes[outcome] += 1;
        bar.update(index + 1);
      }
      bar.stop();
      const verb = options.dryRun === true ? "Would move" : "Moved";
      print(
        context,
        {
          dryRun: options.dryRun === true,
          rawNumberRecords: rawMoves,
          numbersGiven: moves.length - rawMoves,
          ...outcomes,
          hashedNotMoved: hashed,
        },
        [
          `${verb} ${plural(outcomes.moved, "record")} to the current caller key (${plural(rawMoves, "raw-number record")}, ${plural(moves.length - rawMoves, "number")} given).`,
          ...(outcomes["kept-newer"] > 0
            ? [
                `${plural(outcomes["kept-newer"], "caller")} already had a newer record under the current key: the old one was removed.`,
              ]
            : []),
          ...(outcomes.absent > 0
            ? [`${plural(outcomes.absent, "given number")} had no record under the previous key.`]
            : []),
          ...(outcomes.changed > 0
            ? [`${plural(outcomes.changed, "record")} changed while moving: run rekey again.`]
            : []),
          `${plural(hashed, "keyed-hash record")} stayed as they were: a hash does not say which secret made it. Keep the previous secret configured until they are moved (--numbers) or expired.`,
        ].join("\n"),
      );
    });
}

async function numbersOf(
  io: Io,
  source: string,
  defaultCallingCode: string | undefined,
): Promise<string[]> {
  let text: string;
  try {
    text = source === "-" ? await readAll(io.stdin) : readFileSync(source, "utf8");
  } catch (error) {
    throw new AdminError(exitCodes.configuration, `Cannot read --numbers ${source}.`, {
      cause: error,
    });
  }
  const numbers: string[] = [];
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  for (const [index, line] of lines.entries()) {
    const identity = parseCaller(
      line,
      defaultCallingCode === undefined ? {} : { defaultCallingCode },
    );
    if (identity.kind === "anonymous") {
      throw new AdminError(
        exitCodes.usage,
        `--numbers ${source}, entry ${index + 1}: not a phone number (give numbers with their country code, or set --calling-code).`,
      );
    }
    numbers.push(identity.e164);
  }
  return [...new Set(numbers)];
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString("utf8");
}
