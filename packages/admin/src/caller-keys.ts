import {
  type CustomerIdentity,
  customerIdentities,
  identityKey,
  maskEmailAddressesIn,
  maskPhoneNumber,
  parseCaller,
  parseEmailAddress,
} from "@connect-affinity/core";
import type { CallerKeys } from "@connect-affinity/handlers/secrets";
import { AdminError } from "./admin-error.js";
import { exitCodes } from "./exit-codes.js";

/** Under which key a customer's records may be filed, and why it is looked at. */
export interface CandidateKey {
  readonly key: string;
  readonly filedBy: "current key" | "previous key" | "raw number" | "raw key" | "as given";
}

/** A KEY argument, read: how to show it, and every key its records may be filed under. */
export interface ResolvedCaller {
  /** The KEY as output may show it: a number or address masked, a caller key shortened. */
  readonly shown: string;
  readonly keys: readonly CandidateKey[];
}

/** The prefix of a keyed hash (core's `callerKey` and `identityKey` with a secret). */
const hashedKeyPrefix = "h1:";

/** What a KEY that is meant as a phone number looks like (digits and their punctuation). */
const phoneLike = /^(tel:)?[+\d\s().-]+$/i;

/** The scope suffix core appends to a customer's key in a `queue` or `channel` scope. */
const scopeSuffix = /#(queue|channel):[^#]*$/;

/**
 * Reads a KEY the way the functions read a customer, as any identity source names them:
 *
 * - a phone number in any format (`+81 90-…`, `090-…` with a calling code, `tel:` URIs),
 *   normalised with core's `parseCaller`;
 * - an email address (`taro@example.com`, `mailto:` or `email:` first);
 * - a customer key as the flow passes it (`customer:C-1234`, or any KEY that is neither of the
 *   above: `C-1234`);
 * - a stored key (`h1:…`, as `export --hashed` prints), taken as it is.
 *
 * The identity is hashed with core's `identityKey` under the deployed secret, exactly as
 * `route` and `record` do. During a rotation the previous key is looked at too, and the raw
 * form always (records written before the table had a secret). Records in a `queue` or
 * `channel` scope are filed under these keys followed by `#queue:…` or `#channel:…`.
 *
 * @throws AdminError (exit 2) for a KEY that is none of these, saying how to give it.
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
  const identity = identityOf(text, defaultCallingCode);
  const raw = identity.source === "phone" ? "raw number" : "raw key";
  const candidates: CandidateKey[] = [
    {
      key: identityKey(identity, keys.callerKeySecret),
      filedBy: keys.callerKeySecret === undefined ? raw : "current key",
    },
  ];
  const previous = keys.previousCallerKey;
  if (previous !== undefined && previous !== "raw-number") {
    candidates.push({ key: identityKey(identity, previous.secret), filedBy: "previous key" });
  }
  const plain = identityKey(identity, undefined);
  if (!candidates.some((candidate) => candidate.key === plain)) {
    candidates.push({ key: plain, filedBy: raw });
  }
  return { shown: shownIdentity(identity), keys: candidates };
}

/**
 * The identity a KEY names (see {@link resolveCaller}).
 *
 * @throws AdminError (exit 2) for a KEY that is no identity.
 */
export function identityOf(text: string, defaultCallingCode: string | undefined): CustomerIdentity {
  if (/^customer:/i.test(text)) return customerKeyOf(text.slice("customer:".length), text);
  if (/^(email:|mailto:)/i.test(text) || text.includes("@")) {
    const address = parseEmailAddress(text.replace(/^email:/i, ""));
    if (address === undefined) {
      throw new AdminError(
        exitCodes.usage,
        `${maskEmailAddressesIn(text)} is not an email address (give it as name@example.com).`,
      );
    }
    return { source: "email", address };
  }
  if (phoneLike.test(text)) {
    const caller = parseCaller(
      text,
      defaultCallingCode === undefined ? {} : { defaultCallingCode },
    );
    if (caller.kind === "anonymous") {
      throw new AdminError(
        exitCodes.usage,
        `${maskPhoneNumber(text)} is neither a phone number nor a stored caller key (h1:…). Give the number with its country code (+81 90-1234-5678), or set --calling-code 81 for national numbers; a customer key that looks like a number is given as customer:KEY.`,
      );
    }
    return { source: "phone", e164: caller.e164 };
  }
  return customerKeyOf(text, text);
}

function customerKeyOf(value: string, given: string): CustomerIdentity {
  const [identity] = customerIdentities(
    { channel: "VOICE", customerAddress: undefined, customerKey: value },
    ["customer-key"],
  );
  if (identity === undefined) {
    throw new AdminError(
      exitCodes.usage,
      `"${given.slice(0, 40)}" is not a customer key (1 to 256 characters, no control characters, not "none").`,
    );
  }
  return identity;
}

/** An identity fit for output: a number or an address masked, a customer key as it is. */
function shownIdentity(identity: CustomerIdentity): string {
  switch (identity.source) {
    case "phone":
      return maskPhoneNumber(identity.e164);
    case "email":
      return maskEmailAddressesIn(identity.address);
    case "customer-key":
      return `customer ${identity.value}`;
  }
}

/** A stored key split into the customer's key and its scope (`queue:q-1`), if any. */
export function keyParts(key: string): { readonly base: string; readonly scope?: string } {
  const match = scopeSuffix.exec(key);
  if (match === null) return { base: key };
  return { base: key.slice(0, match.index), scope: match[0].slice(1) };
}

/**
 * The key a record filed under a raw form (a phone number, `customer:…`, `email:…`, written
 * without a secret) has under `secret`, its scope kept; `undefined` for a key already hashed.
 */
export function hashedKeyOf(key: string, secret: string): string | undefined {
  const { base, scope } = keyParts(key);
  const suffix = scope === undefined ? "" : `#${scope}`;
  if (base.startsWith("+"))
    return `${identityKey({ source: "phone", e164: base }, secret)}${suffix}`;
  if (base.startsWith("customer:")) {
    const value = base.slice("customer:".length);
    return `${identityKey({ source: "customer-key", value }, secret)}${suffix}`;
  }
  if (base.startsWith("email:")) {
    const address = base.slice("email:".length);
    return `${identityKey({ source: "email", address }, secret)}${suffix}`;
  }
  return undefined;
}

/** A stored key fit for output: a raw number or address masked, a keyed hash shortened. */
export function shortKey(key: string): string {
  const { base, scope } = keyParts(key);
  const suffix = scope === undefined ? "" : `#${scope}`;
  if (base.startsWith(hashedKeyPrefix)) return `${base.slice(0, 11)}…${suffix}`;
  if (base.startsWith("email:")) return `${maskEmailAddressesIn(base)}${suffix}`;
  if (base.startsWith("customer:")) return `${base}${suffix}`;
  return `${maskPhoneNumber(base)}${suffix}`;
}
