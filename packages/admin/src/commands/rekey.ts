import { readFileSync } from "node:fs";
import { type CustomerIdentity, identityKey } from "@connect-affinity/core";
import type { RekeyOutcome } from "@connect-affinity/core/dynamodb";
import { Command } from "commander";
import { AdminError } from "../admin-error.js";
import { hashedKeyOf, identityOf, keyParts } from "../caller-keys.js";
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
 * `rekey`: files records under the current caller-key secret, with their pins and exclusions,
 * in every scope (a record under `<key>#queue:…` moves to `<new key>#queue:…`).
 *
 * - Records keyed by a raw identity (a phone number, `email:…`, `customer:…`: a table written
 *   without a secret, or before one was set) are all found by a scan and moved: the identity is
 *   the key, so its hash can be computed.
 * - Records keyed by the previous secret's hash can only be moved for identities given with
 *   `--numbers FILE` (one per line, as `lookup` takes them: numbers, email addresses, customer
 *   keys; `-` reads standard input): a keyed hash cannot be turned back into the identity,
 *   which is the point of it. The others stay readable while the stack keeps the previous
 *   secret; the customer's next contact is written under the current key.
 * - A record whose new key already holds one (contacts since the rotation) is merged into it.
 */
export function rekeyCommand(context: CommandContext): Command {
  return new Command("rekey")
    .description(
      "move records to the current caller-key secret (raw numbers, and --numbers under the previous secret)",
    )
    .option(
      "--numbers <file>",
      "phone numbers, email addresses or customer keys (one per line, - for standard input) whose records to move from the previous secret",
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
      const hashedKeys: string[] = [];
      for await (const entry of workspace.store.entries()) {
        if (entry.kind !== "record") continue;
        const key = entry.record.callerKey;
        const to = hashedKeyOf(key, current);
        if (to === undefined) hashedKeys.push(key);
        else moves.push({ from: key, to });
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
        // Each given identity's records under the previous key, in every scope the scan saw.
        const byBase = new Map<string, string[]>();
        for (const key of hashedKeys) {
          const { base } = keyParts(key);
          byBase.set(base, [...(byBase.get(base) ?? []), key]);
        }
        for (const identity of await identitiesOf(
          context.io,
          options.numbers,
          workspace.settings.defaultCallingCode,
        )) {
          const from = identityKey(identity, previous.secret);
          const to = identityKey(identity, current);
          const filed = byBase.get(from) ?? [from];
          for (const key of filed) moves.push({ from: key, to: `${to}${key.slice(from.length)}` });
        }
      }
      await confirm(
        context.io,
        options,
        `Move up to ${plural(moves.length, "record")} in ${workspace.settings.tableName} to the current caller key?`,
      );
      const moving = new Set(moves.map((move) => move.from));
      const hashed = hashedKeys.filter((key) => !moving.has(key)).length;
      const outcomes: Record<RekeyOutcome, number> = {
        moved: 0,
        merged: 0,
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
          `${verb} ${plural(outcomes.moved, "record")} to the current caller key (${plural(rawMoves, "raw-key record")}, ${plural(moves.length - rawMoves, "record")} of the identities given).`,
          ...(outcomes.merged > 0
            ? [
                `${plural(outcomes.merged, "record")} ${options.dryRun === true ? "would be" : "were"} merged into one already under the current key (agents, pin and exclusions kept) and the old one removed.`,
              ]
            : []),
          ...(outcomes.absent > 0
            ? [
                `${plural(outcomes.absent, "given identity", "given identities")} had no record under the previous key.`,
              ]
            : []),
          ...(outcomes.changed > 0
            ? [`${plural(outcomes.changed, "record")} changed while moving: run rekey again.`]
            : []),
          `${plural(hashed, "keyed-hash record")} stayed as they were: a hash does not say which secret made it. Keep the previous secret configured until they are moved (--numbers) or expired.`,
        ].join("\n"),
      );
    });
}

async function identitiesOf(
  io: Io,
  source: string,
  defaultCallingCode: string | undefined,
): Promise<CustomerIdentity[]> {
  let text: string;
  try {
    text = source === "-" ? await readAll(io.stdin) : readFileSync(source, "utf8");
  } catch (error) {
    throw new AdminError(exitCodes.configuration, `Cannot read --numbers ${source}.`, {
      cause: error,
    });
  }
  const identities = new Map<string, CustomerIdentity>();
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  for (const [index, line] of lines.entries()) {
    let identity: CustomerIdentity;
    try {
      identity = identityOf(line, defaultCallingCode);
    } catch (error) {
      throw new AdminError(
        exitCodes.usage,
        `--numbers ${source}, entry ${index + 1}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    identities.set(identityKey(identity, undefined), identity);
  }
  return [...identities.values()];
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString("utf8");
}
