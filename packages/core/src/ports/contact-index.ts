import type { ContactOffer } from "../domain/contact-offer.js";
import type { CallOptions } from "./call-options.js";

/** What the contact index holds for one contact. */
export interface RememberedContact {
  /** The customer's first key (the only one for a caller known by phone number alone). */
  readonly callerKey: string;
  /** Every key of the customer, in source order, when there are several. */
  readonly callerKeys?: readonly string[];
  /** What routing decided for the caller's preferred agent, when they had one. */
  readonly offer?: ContactOffer;
}

/**
 * Port: which customer a contact belongs to, for as long as the contact can still be answered.
 *
 * Amazon Connect's contact events name the agent who answered but not the customer. The router
 * remembers "contact → the customer's record keys" when it routes a known customer, so the
 * contact-event path can credit the agent without asking Connect (`DescribeContact`) for every
 * contact.
 *
 * It is a port of its own, not part of `AffinityStore`, so an existing store
 * implementation keeps compiling, a deployment that only records from the flow pays for no
 * index write, and the index can live elsewhere; both store classes of this library implement
 * it too, on the same table.
 *
 * Entries are short-lived (a day by default): a contact is answered within its lifetime, and
 * the mapping holds a caller key (personal data) that has no use afterwards.
 *
 * @example
 * ```ts
 * import { InMemoryAffinityStore } from "@connect-affinity/core/testing";
 *
 * const index = new InMemoryAffinityStore(); // a ContactIndex, as DynamoDbAffinityStore is
 * await index.rememberContact("c-1", [customerKey, phoneKey], Math.floor(Date.now() / 1000) + 86_400);
 * await index.callerKeysOfContact("c-1"); // [customerKey, phoneKey]
 * ```
 */
export interface ContactIndex {
  /**
   * Remembers that `contactId` is a contact of the customer filed under `callerKeys` (one key,
   * or every key of the customer's identities in source order) until `expiresAt` (epoch
   * seconds, the TTL), with what routing decided for a returning customer's preferred agent
   * (`offer`). Writing the same contact again replaces the entry.
   */
  rememberContact(
    contactId: string,
    callerKeys: string | readonly string[],
    expiresAt: number,
    offer?: ContactOffer,
    options?: CallOptions,
  ): Promise<void>;
  /**
   * The first key remembered for `contactId`, or `undefined` (never remembered: an anonymous
   * caller, a contact that did not pass the router, or an entry already deleted by its TTL).
   * An expired entry may still be returned until the TTL sweep removes it; the mapping it holds
   * is still true.
   */
  callerOfContact(contactId: string, options?: CallOptions): Promise<string | undefined>;
  /**
   * Every key remembered for `contactId`, in source order; empty when none. Optional: the
   * router falls back to `callerOfContact`.
   */
  callerKeysOfContact?(contactId: string, options?: CallOptions): Promise<readonly string[]>;
  /**
   * The whole entry remembered for `contactId` (its keys and offer), or `undefined`. Optional,
   * so an index written before offers were kept still fits the port; the router prefers it to
   * {@link callerOfContact} when present, to judge the answer against the offer.
   */
  rememberedContact?(
    contactId: string,
    options?: CallOptions,
  ): Promise<RememberedContact | undefined>;
}
