import type { AffinityAssignment, AffinityRecord } from "../domain/affinity-record.js";
import type { AffinityStore, SaveOutcome } from "./affinity-store.js";

/**
 * An {@link AffinityStore} in memory, for tests and local runs. It merges like the DynamoDB
 * store: a contact older than the stored one, or as old but different, is `superseded` and
 * changes nothing; re-recording the stored contact (same contact ID, not older) updates it
 * without counting it again; a newer contact replaces the agent and adds one to the count. Expired records are returned
 * as they are, as DynamoDB does until its TTL sweep removes them.
 *
 * @example
 * ```ts
 * const store = new InMemoryAffinityStore();
 * await store.save(assignment);
 * store.snapshot(); // [{ callerKey, agentId, contactCount: 1, … }]
 * ```
 */
export class InMemoryAffinityStore implements AffinityStore {
  readonly #records = new Map<string, AffinityRecord>();
  #failure: unknown;
  #finds = 0;
  #saves = 0;

  /** Starts with these records (e.g. a previous call's), keyed by `callerKey`. */
  constructor(records: readonly AffinityRecord[] = []) {
    for (const record of records) this.#records.set(record.callerKey, record);
  }

  /** How many times `find` was called. */
  get finds(): number {
    return this.#finds;
  }

  /** How many times `save` was called. */
  get saves(): number {
    return this.#saves;
  }

  /** Makes every later `find` and `save` reject with `error`; `undefined` heals the store. */
  failWith(error: unknown): void {
    this.#failure = error;
  }

  async find(callerKey: string): Promise<AffinityRecord | undefined> {
    this.#finds += 1;
    if (this.#failure !== undefined) throw this.#failure;
    return this.#records.get(callerKey);
  }

  async save(assignment: AffinityAssignment): Promise<SaveOutcome> {
    this.#saves += 1;
    if (this.#failure !== undefined) throw this.#failure;
    const stored = this.#records.get(assignment.callerKey);
    const sameContact = stored?.lastContactId === assignment.contactId;
    if (
      stored !== undefined &&
      (assignment.at < stored.lastContactAt ||
        (assignment.at === stored.lastContactAt && !sameContact))
    ) {
      return { kind: "superseded" };
    }
    const record: AffinityRecord = {
      callerKey: assignment.callerKey,
      agentId: assignment.agentId,
      agentArn: assignment.agentArn,
      lastContactAt: assignment.at,
      lastContactId: assignment.contactId,
      contactCount: (stored?.contactCount ?? 0) + (sameContact ? 0 : 1),
      expiresAt: assignment.expiresAt,
    };
    this.#records.set(assignment.callerKey, record);
    return stored === undefined ? { kind: "created", record } : { kind: "updated", record };
  }

  /** Every stored record, in insertion order of their callers. */
  snapshot(): readonly AffinityRecord[] {
    return [...this.#records.values()];
  }
}
