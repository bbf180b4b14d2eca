import { Logger } from "@aws-lambda-powertools/logger";
import { truncateForLog } from "@connect-affinity/core";
import type { LogLevel } from "@connect-affinity/core/contract";

/** Keys whose string value is a customer's address, masked whatever it looks like. */
const addressKeys = new Set([
  "address",
  "customeraddress",
  "caller",
  "callernumber",
  "phonenumber",
]);

/**
 * Keys whose all-digit value is a Kinesis sequence number (56 digits the stream makes, never
 * event data): kept whole, so a skipped or failed record can be found again.
 */
const sequenceNumberKeys = new Set(["sequenceNumber", "itemIdentifier"]);

/**
 * The longest string a log line carries in one field; longer ones are cut, the cut said in
 * words. Room for an error's stack trace; far below what an oversized event could put there.
 */
export const maxLogFieldLength = 2_048;

const fullWidthDigit = /[\uff10-\uff19]/;
const anyDigit = /[0-9\uff10-\uff19]/g;

/**
 * Masks a phone number for a log line: the leading `+` and the first two and last two digits
 * stay, every other digit (ASCII or full-width) becomes `*` ("+819012345678" → "+81********78").
 */
export function maskDigits(text: string): string {
  const digitCount = text.match(anyDigit)?.length ?? 0;
  let seen = 0;
  return text.replace(anyDigit, (digit) => {
    seen += 1;
    return seen <= 2 || seen > digitCount - 2 ? digit : "*";
  });
}

/**
 * A `JSON.stringify` replacer that makes every string of a log item fit to keep: whole values
 * under address-like keys masked digit by digit, phone numbers in any form and email addresses
 * masked anywhere else (messages, error texts, nested objects; core's `maskPhoneNumbersIn` and
 * `maskEmailAddressesIn`, through `truncateForLog`), and every string cut
 * to {@link maxLogFieldLength}. Powertools calls it for every key of every log line.
 */
export function maskPhoneNumbers(key: string, value: unknown): unknown {
  if (typeof value !== "string") return value;
  if (sequenceNumberKeys.has(key) && /^\d{1,128}$/.test(value)) return value;
  if (addressKeys.has(key.toLowerCase()) && (/\d/.test(value) || fullWidthDigit.test(value))) {
    return truncateForLog(maskDigits(value), maxLogFieldLength);
  }
  return truncateForLog(value, maxLogFieldLength);
}

/**
 * The handlers' structured JSON logger (Powertools). Phone numbers and email addresses are masked and long values
 * cut in every line, whatever a caller of the logger passes.
 *
 * @example
 * ```ts
 * const logger = createLogger({ logLevel: "DEBUG" });
 * logger.info("routed", { caller: "+819012345678" }); // "caller":"+81********78"
 * ```
 */
export function createLogger(options: {
  readonly logLevel?: LogLevel;
  readonly serviceName?: string;
}): Logger {
  return new Logger({
    serviceName: options.serviceName ?? "connect-affinity",
    ...(options.logLevel === undefined ? {} : { logLevel: options.logLevel }),
    jsonReplacerFn: maskPhoneNumbers,
  });
}
