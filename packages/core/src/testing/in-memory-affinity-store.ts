import {
  type AffinityAssignment,
  type AffinityRecord,
  emptyRecord,
  isEmptyRecord,
  mergeAssignment,
  normalisedRecord,
  withExclusions,
  withPin,
} from "../domain/affinity-record.js";
import { assertCallerKey } from "../domain/caller-identity.js";
import type { ContactOffer } from "../domain/contact-offer.js";
import type { AffinityStore, SaveOutcome } from "../ports/affinity-store.js";
import type { ContactIndex, RememberedContact } from "../ports/contact-index.js";
import type { CustomerPreferences, PinRequest } from "../ports/customer-preferences.js";

/** One contact index entry of {@link InMemoryAffinityStore}. */
export interface ContactIndexEntry {
  readonly contactId: string;
  /** The first of {@link callerKeys}. */
  readonly callerKey: string;
  /** Every key remembered for the contact, in source order. */
  readonly callerKeys: readonly string[];
  /** Epoch seconds. */
  readonly expiresAt: number;
  /** What routing decided for a returning caller's preferred agent. */
  readonly offer?: ContactOffer;
}

/**
 * An {@link AffinityStore} in memory, for tests and local runs. It merges like the DynamoDB
 * store (the domain's `mergeAssignment`): a contact older than the stored one, or as old but
 * different, is `superseded` and changes nothing; re-recording the stored contact (same contact
 * ID, not older) updates it without counting it again; a newer contact credits its agent, who
 * moves to the front of the customer's history. Expired agents are returned as they are, as
 * DynamoDB does until its TTL sweep removes them.
 *
 * It is also a {@link ContactIndex} and the {@link CustomerPreferences} (pins, exclusions), as
 * the DynamoDB store is; index entries are kept apart from the records, and caller keys the
 * DynamoDB store rejects (`contact#…`, empty) are rejected here too, so a test against the fake
 * holds against the table.
 *
 * @example
 * ```ts
 * import { InMemoryAffinityStore } from "@connect-affinity/core/testing";
 *
 * const store = new InMemoryAffinityStore();
 * await store.save(assignment);
 * store.snapshot(); // [{ callerKey, agents: [{ agentId, count: 1, … }], contactCount: 1, … }]
 * ```
 */
export class InMemoryAffinityStore implements AffinityStore, ContactIndex, CustomerPreferences {
  readonly #records = new Map<string, AffinityRecord>();
  readonly #contacts = new Map<string, ContactIndexEntry>();
  #failure: unknown;
  #indexFailure: unknown;
  #finds = 0;
  #saves = 0;
  #contactWrites = 0;
  #contactReads = 0;

  /** Starts with these records (e.g. a previous call's), keyed by `callerKey`. */
  constructor(records: readonly AffinityRecord[] = []) {
    for (const record of records) this.#records.set(record.callerKey, normalisedRecord(record));
  }

  /** How many keys were read (`find` counts one, `findMany` one per key). */
  get finds(): number {
    return this.#finds;
  }

  /** How many times `save` was called. */
  get saves(): number {
    return this.#saves;
  }

  /** How many times `rememberContact` was called. */
  get contactWrites(): number {
    return this.#contactWrites;
  }

  /** How many times the contact index was read. */
  get contactReads(): number {
    return this.#contactReads;
  }

  /**
   * Makes every later call, the contact index's included, reject with `error`; `undefined`
   * heals the store.
   */
  failWith(error: unknown): void {
    this.#failure = error;
  }

  /**
   * Makes only the contact index's later calls reject with `error` (records still work);
   * `undefined` heals it.
   */
  failContactIndexWith(error: unknown): void {
    this.#indexFailure = error;
  }

  async find(callerKey: string): Promise<AffinityRecord | undefined> {
    this.#finds += 1;
    assertCallerKey(callerKey);
    if (this.#failure !== undefined) throw this.#failure;
    return this.#records.get(callerKey);
  }

  async findMany(callerKeys: readonly string[]): Promise<ReadonlyMap<string, AffinityRecord>> {
    this.#finds += callerKeys.length;
    for (const key of callerKeys) assertCallerKey(key);
    if (this.#failure !== undefined) throw this.#failure;
    const found = new Map<string, AffinityRecord>();
    for (const key of callerKeys) {
      const record = this.#records.get(key);
      if (record !== undefined) found.set(key, record);
    }
    return found;
  }

  async save(assignment: AffinityAssignment): Promise<SaveOutcome> {
    this.#saves += 1;
    assertCallerKey(assignment.callerKey);
    if (this.#failure !== undefined) throw this.#failure;
    const merged = mergeAssignment(this.#records.get(assignment.callerKey), assignment);
    if (merged.kind === "superseded") return merged;
    const record = normalisedRecord(merged.record);
    this.#records.set(assignment.callerKey, record);
    return { kind: merged.kind, record };
  }

  async pin(customerKey: string, pin: PinRequest): Promise<AffinityRecord> {
    const record = this.#change(customerKey, (current) =>
      withPin(current, {
        agentId: pin.agentId,
        agentArn: pin.agentArn,
        pinnedAt: pin.pinnedAt,
        ...(pin.until === undefined ? {} : { until: pin.until }),
      }),
    );
    return record as AffinityRecord;
  }

  async unpin(customerKey: string): Promise<AffinityRecord | undefined> {
    return this.#change(customerKey, (current) => withPin(current, undefined));
  }

  async block(customerKey: string, agentIds: readonly string[]): Promise<AffinityRecord> {
    const record = this.#change(customerKey, (current) => withExclusions(current, agentIds));
    return record as AffinityRecord;
  }

  async unblock(
    customerKey: string,
    agentIds: readonly string[],
  ): Promise<AffinityRecord | undefined> {
    return this.#change(customerKey, (current) => withExclusions(current, agentIds, true));
  }

  async rememberContact(
    contactId: string,
    callerKeys: string | readonly string[],
    expiresAt: number,
    offer?: ContactOffer,
  ): Promise<void> {
    this.#contactWrites += 1;
    const keys = typeof callerKeys === "string" ? [callerKeys] : [...new Set(callerKeys)];
    const [callerKey] = keys;
    if (callerKey === undefined) {
      throw new RangeError("rememberContact needs at least one caller key");
    }
    for (const key of keys) assertCallerKey(key);
    this.#throwIfIndexFails();
    this.#contacts.set(contactId, {
      contactId,
      callerKey,
      callerKeys: keys,
      expiresAt,
      ...(offer === undefined ? {} : { offer }),
    });
  }

  async callerOfContact(contactId: string): Promise<string | undefined> {
    return (await this.rememberedContact(contactId))?.callerKey;
  }

  async rememberedContact(contactId: string): Promise<RememberedContact | undefined> {
    this.#contactReads += 1;
    this.#throwIfIndexFails();
    const entry = this.#contacts.get(contactId);
    if (entry === undefined) return undefined;
    return {
      callerKey: entry.callerKey,
      ...(entry.callerKeys.length > 1 ? { callerKeys: entry.callerKeys } : {}),
      ...(entry.offer === undefined ? {} : { offer: entry.offer }),
    };
  }

  async callerKeysOfContact(contactId: string): Promise<readonly string[]> {
    this.#contactReads += 1;
    this.#throwIfIndexFails();
    return this.#contacts.get(contactId)?.callerKeys ?? [];
  }

  /** Every stored record, in insertion order of their keys. */
  snapshot(): readonly AffinityRecord[] {
    return [...this.#records.values()];
  }

  /** Every contact index entry, in insertion order of their contacts. */
  contactIndexSnapshot(): readonly ContactIndexEntry[] {
    return [...this.#contacts.values()];
  }

  /**
   * Forgets a contact's index entry, as DynamoDB's TTL sweep eventually does after `expiresAt`.
   */
  expireContact(contactId: string): void {
    this.#contacts.delete(contactId);
  }

  #change(
    key: string,
    change: (record: AffinityRecord) => AffinityRecord,
  ): AffinityRecord | undefined {
    assertCallerKey(key);
    if (this.#failure !== undefined) throw this.#failure;
    const next = normalisedRecord(change(this.#records.get(key) ?? emptyRecord(key)));
    if (isEmptyRecord(next)) {
      this.#records.delete(key);
      return undefined;
    }
    this.#records.set(key, next);
    return next;
  }

  #throwIfIndexFails(): void {
    if (this.#failure !== undefined) throw this.#failure;
    if (this.#indexFailure !== undefined) throw this.#indexFailure;
  }
}
