import type { AffinityAssignment, AffinityRecord } from "../domain/affinity-record.js";
import type { CallOptions } from "./call-options.js";

/**
 * The result of saving an assignment.
 *
 * - `created`: the record held no contact before (it may have held a pin or exclusions).
 * - `updated`: the assignment is newer than the stored one (or the same contact, re-recorded).
 * - `superseded`: the store already holds a newer contact; nothing was written.
 */
export type SaveOutcome =
  | { readonly kind: "created"; readonly record: AffinityRecord }
  | { readonly kind: "updated"; readonly record: AffinityRecord }
  | { readonly kind: "superseded" };

/**
 * Port: where customer → agent affinity lives, one record per key (see `identityKey` and
 * `scopedKey`).
 *
 * Implementations must make `save` safe under concurrent writers for the same key, with the
 * rules of `mergeAssignment`: an assignment older than the latest recorded contact is never
 * written, recording the same `contactId` twice does not count it twice, and a pin or
 * exclusions set meanwhile are kept. `options.signal` (the invocation's time budget) should
 * abort the call; the router stops waiting for it either way.
 */
export interface AffinityStore {
  /** The record under `callerKey`, or `undefined`. Expired agents may be returned; the domain ignores them. */
  find(callerKey: string, options?: CallOptions): Promise<AffinityRecord | undefined>;
  /**
   * The records under several keys at once (a customer with a customer key and a phone
   * number, or a scoped history beside the customer's preferences), by key; keys without a
   * record are absent. Optional: the router falls back to one `find` per key.
   */
  findMany?(
    callerKeys: readonly string[],
    options?: CallOptions,
  ): Promise<ReadonlyMap<string, AffinityRecord>>;
  /** Merge an assignment into the record under its key. */
  save(assignment: AffinityAssignment, options?: CallOptions): Promise<SaveOutcome>;
}
