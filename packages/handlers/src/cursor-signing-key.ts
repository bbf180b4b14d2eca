import { createHmac } from "node:crypto";
import type { PreviousCallerKey } from "@connect-affinity/core";

/**
 * What the cursor's signing keys may come from: the caller-key secrets as the container fetched
 * them (`loadCallerKeys`), and `CURSOR_SIGNING_KEY`.
 */
export interface CursorKeySources {
  /** The current caller-key secret (`CALLER_KEY_SECRET_REF`'s value, or `CALLER_KEY_SECRET`). */
  readonly callerKeySecret?: string;
  /** The previous caller-key secret during a rotation (`CALLER_KEY_PREVIOUS_SECRET_REF`). */
  readonly previousCallerKey?: PreviousCallerKey;
  /** A key of the cursor's own (`CURSOR_SIGNING_KEY`). */
  readonly cursorSigningKey?: string;
}

/** The router's cursor options: the key to sign with and, during a rotation, the one before. */
export interface CursorSigningKeys {
  readonly cursorSigningKey?: Buffer;
  readonly previousCursorSigningKey?: Buffer;
}

// Each source is run through HMAC with its own label, so the cursor is never signed with the
// very key that hashes phone numbers, and the two sources can never give the same key.
const labels = {
  callerKeySecret: "connect-affinity cursor signing key v1 (from the caller-key secret)",
  cursorSigningKey: "connect-affinity cursor signing key v1",
} as const;

/**
 * The keys `route` signs its cursor with and `next-agent` checks it against, from the secrets
 * the container loaded: signed with a key derived from the current caller-key secret when
 * there is one, else from `CURSOR_SIGNING_KEY`; with neither, no key (then `route` and
 * `next-agent` refuse to run).
 *
 * A cursor lives only as long as its contact, so a rotation needs no more than one previous
 * key, accepted and never used to sign: the key derived from the previous caller-key secret,
 * or, when the table moves from raw numbers to a first secret (previous `raw-number`),
 * the key derived from `CURSOR_SIGNING_KEY`, which signed the cursors until then.
 *
 * @example
 * ```ts
 * const keys = cursorSigningKeys(await loadCallerKeys(config.callerKeys));
 * new StickyRouter(deps, { ...keys });
 * ```
 */
export function cursorSigningKeys(sources: CursorKeySources): CursorSigningKeys {
  const { callerKeySecret, previousCallerKey, cursorSigningKey: ownKey } = sources;
  if (callerKeySecret === undefined) {
    return ownKey === undefined
      ? {}
      : { cursorSigningKey: derived(ownKey, labels.cursorSigningKey) };
  }
  const cursorSigningKey = derived(callerKeySecret, labels.callerKeySecret);
  const previous =
    previousCallerKey !== undefined && previousCallerKey !== "raw-number"
      ? derived(previousCallerKey.secret, labels.callerKeySecret)
      : ownKey === undefined
        ? undefined
        : derived(ownKey, labels.cursorSigningKey);
  return previous === undefined
    ? { cursorSigningKey }
    : { cursorSigningKey, previousCursorSigningKey: previous };
}

function derived(secret: string, label: string): Buffer {
  return createHmac("sha256", secret).update(label, "utf8").digest();
}
