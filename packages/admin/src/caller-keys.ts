import { callerKey, maskPhoneNumber, parseCaller } from "@connect-affinity/core";
import type { CallerKeys } from "@connect-affinity/handlers/secrets";
import { AdminError } from "./admin-error.js";
import { exitCodes } from "./exit-codes.js";

/** Under which key a record may be filed, and why it is looked at. */
export interface CandidateKey {
  readonly key: string;
  readonly filedBy: "current key" | "previous key" | "raw number" | "as given";
}

/** A KEY argument, read: how to show it, and every key its records may be filed under. */
export interface ResolvedCaller {
  /** The KEY as output may show it: a number masked, a caller key shortened. */
  readonly shown: string;
  readonly keys: readonly CandidateKey[];
}

/** The prefix of a keyed hash (core's `callerKey` with a secret). */
const hashedKeyPrefix = "h1:";

/**
 * Reads a KEY the way the functions read a caller: a phone number in any format (`+81 90-…`,
 * `090-…` with a calling code, `tel:` URIs) is normalised with core's `parseCaller` and hashed
 * with core's `callerKey` under the deployed secret, exactly as `route` and `record` do; a
 * stored caller key (`h1:…`, as `export --hashed` prints) is taken as it is. During a rotation
 * the previous key is looked at too, and a number's raw form always (records written before
 * the table had a secret).
 *
 * @throws AdminError (exit 2) for a KEY that is neither, saying how to give it.
 */
export function resolveCaller(
  input: string,
  keys: CallerKeys,
  defaultCallingCode: string | undefined,
): ResolvedCaller {
  const text = input.trim();
  if (text.startsWith(hashedKeyPrefix)) {
    return { shown: shortKey(text), keys: [{ key: text, filedBy: "as given" }] };
  }
  const identity = parseCaller(
    text,
    defaultCallingCode === undefined ? {} : { defaultCallingCode },
  );
  if (identity.kind === "anonymous") {
    throw new AdminError(
      exitCodes.usage,
      `${maskPhoneNumber(text)} is neither a phone number nor a stored caller key (h1:…). Give the number with its country code (+81 90-1234-5678), or set --calling-code 81 for national numbers.`,
    );
  }
  const { e164 } = identity;
  const candidates: CandidateKey[] = [
    {
      key: callerKey(e164, keys.callerKeySecret),
      filedBy: keys.callerKeySecret === undefined ? "raw number" : "current key",
    },
  ];
  const previous = keys.previousCallerKey;
  if (previous !== undefined && previous !== "raw-number") {
    candidates.push({ key: callerKey(e164, previous.secret), filedBy: "previous key" });
  }
  if (!candidates.some((candidate) => candidate.key === e164)) {
    candidates.push({ key: e164, filedBy: "raw number" });
  }
  return { shown: maskPhoneNumber(e164), keys: candidates };
}

/** A caller key fit for output: a raw number masked, a keyed hash shortened. */
export function shortKey(key: string): string {
  if (key.startsWith(hashedKeyPrefix)) return `${key.slice(0, 11)}…`;
  return maskPhoneNumber(key);
}
