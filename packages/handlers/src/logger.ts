import { Logger } from "@aws-lambda-powertools/logger";
import type { LogLevel } from "@connect-affinity/core/contract";

/** Keys whose string value is a customer's address, masked whatever it looks like. */
const addressKeys = new Set([
  "address",
  "customeraddress",
  "caller",
  "callernumber",
  "phonenumber",
]);

// International numbers ("+819012345678", "+81 90-1234-5678") and Japanese domestic ones
// ("090-1234-5678", "09012345678"). ARNs, UUIDs and ISO timestamps do not match.
const phonePatterns: readonly RegExp[] = [
  /\+\d[\d ()-]{5,18}\d/g,
  /(?<![\w-])0\d{1,4}[- ]\d{1,4}[- ]\d{3,4}(?![\w-])/g,
  /(?<![\w-])0\d{9,10}(?![\w-])/g,
];

/**
 * Masks a phone number for a log line: the leading `+` and the first two and last two digits
 * stay, every other digit becomes `*` ("+819012345678" → "+81********78").
 */
export function maskDigits(text: string): string {
  const digitCount = text.replace(/\D/g, "").length;
  let seen = 0;
  return text.replace(/\d/g, (digit) => {
    seen += 1;
    return seen <= 2 || seen > digitCount - 2 ? digit : "*";
  });
}

/** Masks every phone number found in free text. */
export function maskPhoneNumbersIn(text: string): string {
  return phonePatterns.reduce((masked, pattern) => masked.replace(pattern, maskDigits), text);
}

/**
 * A `JSON.stringify` replacer that masks phone numbers in every string of a log item: whole
 * values under address-like keys, and number-shaped substrings anywhere else (messages, error
 * texts, nested objects). Powertools calls it for every key of every log line.
 */
export function maskPhoneNumbers(key: string, value: unknown): unknown {
  if (typeof value !== "string") return value;
  if (addressKeys.has(key.toLowerCase()) && /\d/.test(value)) return maskDigits(value);
  return maskPhoneNumbersIn(value);
}

/**
 * The handlers' structured JSON logger (Powertools). Phone numbers are masked in every line,
 * whatever a caller of the logger passes.
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
