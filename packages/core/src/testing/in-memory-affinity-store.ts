import type { AffinityAssignment, AffinityRecord } from "../domain/affinity-record.js";
import { assertCallerKey } from "../domain/caller-identity.js";
import type { ContactOffer } from "../domain/contact-offer.js";
import type { AffinityStore, SaveOutcome } from "../ports/affinity-store.js";
import type { ContactIndex, RememberedContact } from "../ports/contact-index.js";

/** One contact index entry of {@link InMemoryAffinityStore}. */
export interface ContactIndexEntry {
  readonly contactId: string;
  readonly callerKey: string;
  /** Epoch seconds. */
  readonly expiresAt: number;
  /** What routing decided for a returning caller's preferred agent. */
  readonly offer?: ContactOffer;
}

/**
 * An {@link AffinityStore} in memory, for tests and local runs. It merges like the DynamoDB
 * store: a contact older than the stored one, or as old but different, is `superseded` and
 * changes nothing; re-recording the stored contact (same contact ID, not older) updates it
 * without counting it again; a newer contact replaces the agent and adds one to the count. Expired records are returned
 * as they are, as DynamoDB does until its TTL sweep removes them.
 *
 * It is also a {@link ContactIndex}, as the DynamoDB store is; its entries are kept apart from
 * the records, and caller keys the DynamoDB store rejects (`contact#…`, empty) are rejected here
 * too, so a test against the fake holds against the table.
 *
 * @example
 * ```ts
 * import { InMemoryAffinityStore } from "@connect-affinity/core/testing";
 *
 * const store = new InMemoryAffinityStore();
 * await store.save(assignment);
 * store.snapshot(); // [{ callerKey, agentId, contactCount: 1, … }]
 * ```
 */
export class InMemoryAffinityStore implements AffinityStore, ContactIndex {
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

  /** How many times `rememberContact` was called. */
  get contactWrites(): number {
    return this.#contactWrites;
  }

  /** How many times `callerOfContact` was called. */
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

  async save(assignment: AffinityAssignment): Promise<SaveOutcome> {
    this.#saves += 1;
    assertCallerKey(assignment.callerKey);
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
      ...(assignment.agentUnverified === true ? { agentUnverified: true } : {}),
    };
    this.#records.set(assignment.callerKey, record);
    return stored === undefined ? { kind: "created", record } : { kind: "updated", record };
  }

  async rememberContact(
    contactId: string,
    callerKey: string,
    expiresAt: number,
    offer?: ContactOffer,
  ): Promise<void> {
    this.#contactWrites += 1;
    assertCallerKey(callerKey);
    this.#throwIfIndexFails();
    this.#contacts.set(contactId, {
      contactId,
      callerKey,
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
      ...(entry.offer === undefined ? {} : { offer: entry.offer }),
    };
  }

  /** Every stored record, in insertion order of their callers. */
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

  #throwIfIndexFails(): void {
    if (this.#failure !== undefined) throw this.#failure;
    if (this.#indexFailure !== undefined) throw this.#indexFailure;
  }
}
