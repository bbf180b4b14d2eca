import { createHmac } from "node:crypto";
import type { Channel } from "./agent.js";
import { callerKey, type ParseCallerOptions, parseCaller } from "./caller-identity.js";
import { identifierLimits } from "./connect-identifiers.js";
import { type IdentitySource, identitySources } from "./identity-sources.js";

/** The identity sources a router uses unless told otherwise: all of them, in this order. */
export const defaultIdentitySources: readonly IdentitySource[] = identitySources;

/** The longest customer key accepted (a Connect contact attribute value may be longer). */
export const maxCustomerKeyLength = identifierLimits.customerKey;

/** The longest email address accepted (RFC 5321's path limit). */
export const maxEmailAddressLength = identifierLimits.emailAddress;

/**
 * One identity of a customer, from one source. A contact can carry several (a customer key and
 * a phone number); each is stored under its own key, so any of them finds the customer again.
 */
export type CustomerIdentity =
  | { readonly source: "customer-key"; readonly value: string }
  | { readonly source: "phone"; readonly e164: string }
  | { readonly source: "email"; readonly address: string };

/** What {@link customerIdentities} reads from a contact. */
export interface IdentityInput {
  readonly channel: Channel;
  /** The raw `CustomerEndpoint.Address`: a phone number, an email address, or nothing. */
  readonly customerAddress: string | undefined;
  /** The flow's `customerKey` parameter, as passed (blank and `none` mean absent). */
  readonly customerKey?: string | undefined;
}

/**
 * The identities a contact yields, in the order of `sources`, each at most once. A source
 * that yields nothing (no key passed, a withheld number, a chat without an address) is skipped;
 * a contact that yields nothing is anonymous: routed as new, nothing stored.
 *
 * @example
 * ```ts
 * import { customerIdentities } from "@connect-affinity/core";
 *
 * customerIdentities(
 *   { channel: "CHAT", customerAddress: undefined, customerKey: "CRM-0042" },
 *   ["customer-key", "phone", "email"],
 * ); // [{ source: "customer-key", value: "CRM-0042" }]
 * ```
 */
export function customerIdentities(
  contact: IdentityInput,
  sources: readonly IdentitySource[],
  options: ParseCallerOptions = {},
): readonly CustomerIdentity[] {
  const identities: CustomerIdentity[] = [];
  for (const source of sources) {
    const identity = identityFrom(source, contact, options);
    if (identity !== undefined) identities.push(identity);
  }
  return identities;
}

/**
 * The store key of one identity. A phone number's key is exactly `callerKey`'s (records from
 * before identity sources keep working); the other sources are prefixed with their name before
 * hashing, so a customer key that happens to read like a phone number never meets that
 * number's record. With a secret every key is `h1:` + base64url HMAC-SHA-256, the same keyed
 * hash for every source; without one the table holds `+81…`, `customer:…` and `email:…`.
 *
 * @example
 * ```ts
 * import { identityKey } from "@connect-affinity/core";
 *
 * identityKey({ source: "phone", e164: "+819012345678" });            // "+819012345678"
 * identityKey({ source: "customer-key", value: "CRM-0042" });         // "customer:CRM-0042"
 * identityKey({ source: "email", address: "ana@example.com" }, secret); // "h1:…"
 * ```
 */
export function identityKey(identity: CustomerIdentity, secret?: string): string {
  switch (identity.source) {
    case "phone":
      return callerKey(identity.e164, secret);
    case "customer-key":
      return keyed(`customer:${identity.value}`, secret);
    case "email":
      return keyed(`email:${identity.address}`, secret);
  }
}

/**
 * A customer key as the flow passed it, trimmed, or `undefined` when it is absent, blank, the
 * contract's `none`, longer than {@link maxCustomerKeyLength} or holds control characters.
 */
export function parseCustomerKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === "" || text.toLowerCase() === "none" || text.length > maxCustomerKeyLength) {
    return undefined;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is rejected
  return /[\u0000-\u001f\u007f]/.test(text) ? undefined : text;
}

/**
 * An email address lower-cased, or `undefined` for anything that is not one (a single `@`
 * between a non-empty local part and a dotted domain, no spaces, at most
 * {@link maxEmailAddressLength} characters). Lower-casing the local part too is a choice: the
 * standard lets it be case-sensitive, mail systems in practice do not.
 *
 * @example
 * ```ts
 * import { parseEmailAddress } from "@connect-affinity/core";
 *
 * parseEmailAddress(" Ana@Example.COM "); // "ana@example.com"
 * parseEmailAddress("+819012345678");     // undefined
 * ```
 */
export function parseEmailAddress(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim().replace(/^mailto:/i, "");
  if (text.length === 0 || text.length > maxEmailAddressLength) return undefined;
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(text) ? text.toLowerCase() : undefined;
}

function identityFrom(
  source: IdentitySource,
  contact: IdentityInput,
  options: ParseCallerOptions,
): CustomerIdentity | undefined {
  switch (source) {
    case "customer-key": {
      const value = parseCustomerKey(contact.customerKey);
      return value === undefined ? undefined : { source, value };
    }
    case "phone": {
      if (contact.channel === "EMAIL") return undefined;
      const caller = parseCaller(contact.customerAddress, options);
      return caller.kind === "known" ? { source, e164: caller.e164 } : undefined;
    }
    case "email": {
      if (contact.channel !== "EMAIL") return undefined;
      const address = parseEmailAddress(contact.customerAddress);
      return address === undefined ? undefined : { source, address };
    }
  }
}

function keyed(text: string, secret: string | undefined): string {
  if (secret === undefined) return text;
  return `h1:${createHmac("sha256", secret).update(text, "utf8").digest("base64url")}`;
}
