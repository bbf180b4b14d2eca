import { createHmac } from "node:crypto";
import { type CountryCallingCode, parsePhoneNumberFromString } from "libphonenumber-js/min";
import { InvalidCallerKeyError } from "./errors.js";

/**
 * Who is calling, as far as routing is concerned.
 *
 * - `known`: a plausible phone number, normalised to E.164; it may get affinity.
 * - `anonymous`: no usable number. `absent`: the contact carries none (chat, tasks, some SIP
 *   calls); `withheld`: the network says the number is hidden; `invalid`: something that is not
 *   a possible phone number. Anonymous callers are routed as new callers and nothing is stored.
 */
export type CallerIdentity =
  | { readonly kind: "known"; readonly e164: string }
  | { readonly kind: "anonymous"; readonly reason: "absent" | "withheld" | "invalid" };

/** Options of {@link parseCaller}. */
export interface ParseCallerOptions {
  /**
   * The country calling code (`"81"`, `"1"`, with or without `+`) used to read national
   * numbers such as `03-1234-5678`. Without it only international numbers are accepted, because
   * guessing a country would give two callers the same key.
   */
  readonly defaultCallingCode?: string;
}

/** The words carriers and SIP trunks put where a hidden number would be. */
const withheldWords: ReadonlySet<string> = new Set([
  "anonymous",
  "restricted",
  "private",
  "unavailable",
  "unknown",
  "withheld",
]);

/**
 * The same words spelled on a telephone keypad, which some carriers send as if they were
 * numbers (ANONYMOUS → 266696687, RESTRICTED → 7378742833, UNAVAILABLE → 86282452253,
 * UNKNOWN → 8656696). Compared on digits only, with or without `+`.
 */
const withheldKeypadDigits: ReadonlySet<string> = new Set([
  "266696687",
  "7378742833",
  "86282452253",
  "8656696",
]);

/** Separators people and systems put inside phone numbers. */
const separators = /[\s\-.()/\u00a0]/g;

/**
 * Reads a Connect `CustomerEndpoint.Address` as a caller identity.
 *
 * Spaces, dashes, dots and parentheses are ignored, a leading `00` is read as `+`, a `tel:`
 * or `sip:` URI is reduced to its user part. The number must be *possible* (right length for
 * its country), not *valid* (assigned range): fictional and test numbers such as
 * `+1 555 555 0100` are accepted, so a test bench behaves like production.
 *
 * @example
 * ```ts
 * import { parseCaller } from "@connect-affinity/core";
 *
 * parseCaller("+81 90-1234-5678");                         // { kind: "known", e164: "+819012345678" }
 * parseCaller("090-1234-5678", { defaultCallingCode: "81" }); // { kind: "known", e164: "+819012345678" }
 * parseCaller("anonymous");                                  // { kind: "anonymous", reason: "withheld" }
 * parseCaller(undefined);                                    // { kind: "anonymous", reason: "absent" }
 * ```
 */
export function parseCaller(
  address: string | undefined,
  options: ParseCallerOptions = {},
): CallerIdentity {
  if (address === undefined) return { kind: "anonymous", reason: "absent" };
  const text = userPart(address.trim());
  if (text === "") return { kind: "anonymous", reason: "absent" };
  if (withheldWords.has(text.toLowerCase())) return { kind: "anonymous", reason: "withheld" };

  const compact = text.replace(separators, "");
  const international = compact.startsWith("00") ? `+${compact.slice(2)}` : compact;
  if (!/^\+?\d+$/.test(international)) return { kind: "anonymous", reason: "invalid" };
  const digits = international.replace("+", "");
  if (withheldKeypadDigits.has(digits)) return { kind: "anonymous", reason: "withheld" };

  const callingCode = normaliseCallingCode(options.defaultCallingCode);
  if (!international.startsWith("+") && callingCode === undefined) {
    return { kind: "anonymous", reason: "invalid" };
  }
  const parsed =
    callingCode === undefined
      ? parsePhoneNumberFromString(international)
      : parsePhoneNumberFromString(international, {
          defaultCallingCode: callingCode as CountryCallingCode,
        });
  if (parsed === undefined || !parsed.isPossible()) {
    return { kind: "anonymous", reason: "invalid" };
  }
  return { kind: "known", e164: parsed.number };
}

/**
 * The key the affinity store files a caller under.
 *
 * Without a secret it is the E.164 number itself. With a secret it is `h1:` followed by the
 * base64url HMAC-SHA-256 of the number, so the table never holds a raw number and the key
 * cannot be reversed without the secret. Changing the secret starts every caller afresh.
 *
 * @example
 * ```ts
 * import { callerKey } from "@connect-affinity/core";
 *
 * callerKey("+819012345678");            // "+819012345678"
 * callerKey("+819012345678", secret);    // "h1:Xq3…" (43 characters after the prefix)
 * ```
 */
export function callerKey(e164: string, secret?: string): string {
  if (secret === undefined) return e164;
  return `h1:${createHmac("sha256", secret).update(e164, "utf8").digest("base64url")}`;
}

/**
 * The prefix of the keys the affinity table keeps for its contact index (`contact#<contactId>`).
 * No key made by {@link callerKey} starts with it: an E.164 number starts with `+`, a keyed hash
 * with `h1:`.
 */
export const contactKeyPrefix = "contact#";

/**
 * Checks that `key` may name a caller in a store: not empty, and not in the contact index's
 * key space ({@link contactKeyPrefix}). Stores call it before every read and write.
 *
 * @throws {InvalidCallerKeyError} when it may not.
 * @example
 * ```ts
 * import { assertCallerKey } from "./caller-identity.js";
 *
 * assertCallerKey("+819012345678"); // fine
 * assertCallerKey("contact#c-1");   // throws InvalidCallerKeyError
 * ```
 */
/**
 * The longest store key accepted: an identity key (a 256-character customer key, or an email
 * address, with its prefix) with a scope (a queue ARN) appended stays well below it, and its
 * UTF-8 bytes below DynamoDB's 2,048-byte partition key limit.
 */
const maxCallerKeyLength = 1_024;

export function assertCallerKey(key: string): void {
  if (key === "") throw new InvalidCallerKeyError("must not be empty");
  // DynamoDB refuses a partition key over 2,048 bytes; a key this long is not one we made.
  if (key.length > maxCallerKeyLength) {
    throw new InvalidCallerKeyError(`must be at most ${maxCallerKeyLength} characters`);
  }
  if (key.startsWith(contactKeyPrefix)) {
    throw new InvalidCallerKeyError(`must not start with "${contactKeyPrefix}"`);
  }
}

/**
 * A phone number made fit for a log line: the `+`, at most the first two digits of the
 * country calling code and the last two digits survive, every other digit becomes `*`.
 * Short or unreadable input is masked completely; the words that mean "withheld" are kept,
 * because they identify nobody.
 *
 * @example
 * ```ts
 * import { maskPhoneNumber } from "@connect-affinity/core";
 *
 * maskPhoneNumber("+81312345678");  // "+81*******78"
 * maskPhoneNumber("+1 555 555 0100"); // "+1********00"
 * maskPhoneNumber(undefined);         // "(absent)"
 * ```
 */
export function maskPhoneNumber(value: string | undefined): string {
  if (value === undefined || value.trim() === "") return "(absent)";
  const text = value.trim();
  if (withheldWords.has(text.toLowerCase())) return text.toLowerCase();
  const digits = text.replace(/\D/g, "");
  if (digits.length === 0) return `(non-numeric, ${text.length} characters)`;
  const plus = text.startsWith("+") || text.startsWith("00") ? "+" : "";
  const significant = text.startsWith("00") ? digits.slice(2) : digits;
  if (significant.length < 6) return `${plus}${"*".repeat(significant.length)}`;
  const lead = Math.min(leadingDigitsToKeep(`+${significant}`), significant.length - 4);
  const tail = 2;
  return `${plus}${significant.slice(0, lead)}${"*".repeat(significant.length - lead - tail)}${significant.slice(-tail)}`;
}

/** How many digits of the country calling code a mask keeps (at most two). */
function leadingDigitsToKeep(e164: string): number {
  const parsed = parsePhoneNumberFromString(e164);
  if (parsed === undefined) return 1;
  return Math.min(parsed.countryCallingCode.length, 2);
}

/** `tel:+81…` → `+81…`; `sip:+81…@host` → `+81…`; anything else unchanged. */
function userPart(address: string): string {
  const lower = address.toLowerCase();
  let rest = address;
  if (lower.startsWith("tel:")) rest = address.slice(4);
  else if (lower.startsWith("sip:") || lower.startsWith("sips:")) {
    rest = address.slice(address.indexOf(":") + 1);
    const at = rest.indexOf("@");
    if (at >= 0) rest = rest.slice(0, at);
  }
  const parameters = rest.indexOf(";");
  return (parameters >= 0 ? rest.slice(0, parameters) : rest).trim();
}

function normaliseCallingCode(code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  const digits = code.trim().replace(/^\+/, "");
  return /^[1-9]\d{0,2}$/.test(digits) ? digits : undefined;
}

/**
 * Whether `code` is usable as `defaultCallingCode` (one to three digits, optional `+`).
 * The router validates its option with it.
 */
export function isCallingCode(code: string): boolean {
  return normaliseCallingCode(code) !== undefined;
}
