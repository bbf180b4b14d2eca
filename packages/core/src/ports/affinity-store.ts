import type { AffinityAssignment, AffinityRecord } from "../domain/affinity-record.js";
import type { CallOptions } from "./call-options.js";

/**
 * The result of saving an assignment.
 *
 * - `created`: the caller had no record.
 * - `updated`: the assignment is newer than the stored one (or the same contact, re-recorded).
 * - `superseded`: the store already holds a newer contact; nothing was written.
 */
export type SaveOutcome =
  | { readonly kind: "created"; readonly record: AffinityRecord }
  | { readonly kind: "updated"; readonly record: AffinityRecord }
  | { readonly kind: "superseded" };

/**
 * Port: where caller → agent affinity lives.
 *
 * Implementations must make `save` safe under concurrent writers for the same caller: an
 * assignment older than the stored `lastContactAt` is never written, and recording the same
 * `contactId` twice does not count it twice. `options.signal` (the invocation's time budget)
 * should abort the call; the router stops waiting for it either way.
 */
export interface AffinityStore {
  /** The caller's record, or `undefined`. Expired records may be returned; the domain ignores them. */
  find(callerKey: string, options?: CallOptions): Promise<AffinityRecord | undefined>;
  /** Merge an assignment into the caller's record. */
  save(assignment: AffinityAssignment, options?: CallOptions): Promise<SaveOutcome>;
}
