import { createHmac } from "node:crypto";

/** What the cursor's signing key may come from. */
export interface CursorKeySources {
  /** The caller-key secret (`CALLER_KEY_SECRET`, or the managed secret that replaces it). */
  readonly callerKeySecret?: string;
  /** A key of the cursor's own (`CURSOR_SIGNING_KEY`). */
  readonly cursorSigningKey?: string;
}

// Each source is run through HMAC with its own label, so the cursor is never signed with the
// very key that hashes phone numbers, and the two sources can never give the same key.
const labels = {
  callerKeySecret: "connect-affinity cursor signing key v1 (from the caller-key secret)",
  cursorSigningKey: "connect-affinity cursor signing key v1",
} as const;

/**
 * The key `route` signs its cursor with and `next-agent` checks it against: derived from the
 * caller-key secret when there is one, else from the cursor's own key, else `undefined` (then
 * `route` and `next-agent` refuse to run). The one place the key is made, so a caller-key secret
 * fetched from a secret store can be fed in here too.
 *
 * @example
 * ```ts
 * const key = cursorSigningKey({ callerKeySecret: process.env.CALLER_KEY_SECRET });
 * ```
 */
export function cursorSigningKey(sources: CursorKeySources): Buffer | undefined {
  if (sources.callerKeySecret !== undefined) {
    return derived(sources.callerKeySecret, labels.callerKeySecret);
  }
  if (sources.cursorSigningKey !== undefined) {
    return derived(sources.cursorSigningKey, labels.cursorSigningKey);
  }
  return undefined;
}

function derived(secret: string, label: string): Buffer {
  return createHmac("sha256", secret).update(label, "utf8").digest();
}
