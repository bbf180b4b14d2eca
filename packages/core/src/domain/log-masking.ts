/**
 * Masking for log lines: phone numbers in whatever form free text carries them, and event data
 * quoted only as a short, masked excerpt.
 *
 * A number is found by its shape, not by country rules, so no form slips through because a
 * parser did not know it: a run of at least {@link minMaskedDigits} digits, with at most three
 * separators between two digits (spaces, dashes of every kind, dots, slashes, parentheses).
 * Full-width digits, full-width and Japanese dashes (`－`, `ー`, `‐`, `−`) and the ideographic
 * space count like their ASCII forms, so `０９０ー１２３４ー５６７８` is a number like
 * `090-1234-5678`. That covers E.164 (`+819012345678`, `+1 (415) 555-0100`), national forms
 * with or without the country code (`819012345678`, `09012345678`, `(03) 1234-5678`,
 * `5555550100`), the `00`, `010` and `011` international prefixes, numbers glued to words, and
 * numbers inside URIs (`tel:`, `sip:…@host`) and JSON.
 *
 * Only identifiers are left alone: UUIDs, ISO 8601 times and the 12-digit account of an ARN.
 * Everything else with seven digits or more is masked: a date in free text or a long count may
 * be masked too, the price of never missing a number.
 */

/** The fewest digits a run must have to be masked (a US local number has seven). */
export const minMaskedDigits = 7;

/** Separators allowed in a row between two digits of one number, as in `(03) 1234`. */
const maxSeparatorRun = 3;

/** How many digits a mask keeps at each end of a run. */
const keptDigits = 2;

const fullWidthZero = 0xff10;
const fullWidthNine = 0xff19;

/** Characters that may sit between the digits of one number (after width folding). */
const separatorChars = new Set([
  " ",
  "-",
  ".",
  "/",
  "(",
  ")",
  "\u00a0", // no-break space
  "\u2009", // thin space
  "\u202f", // narrow no-break space
  "\u3000", // ideographic space
  "\u2010", // hyphen
  "\u2011", // non-breaking hyphen
  "\u2012", // figure dash
  "\u2013", // en dash
  "\u2014", // em dash
  "\u2015", // horizontal bar
  "\u2212", // minus sign
  "\u30fc", // katakana long vowel mark, typed as a dash in Japanese numbers
  "\uff0d", // full-width hyphen-minus
  "\uff70", // half-width katakana long vowel mark
  "\uff08", // full-width (
  "\uff09", // full-width )
  "\uff0e", // full-width .
  "\uff0f", // full-width /
]);

function isDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= fullWidthZero && code <= fullWidthNine);
}

// Identifiers whose digits are not numbers: UUIDs (contact, user, request IDs), ISO 8601
// times, and the 12-digit account of an ARN. Their digits are never masked, and a run of digits
// never reaches into them.
const identifierPatterns: readonly RegExp[] = [
  /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g,
  /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?/g,
  /arn:[a-z-]{1,20}:[a-z0-9-]{0,40}:[a-z0-9-]{0,40}:\d{12}(?=:)/g,
];

/**
 * Every phone number in `text` masked, whatever its form: in each run of digits (see the module
 * notes) the first two and last two digits stay and every other digit becomes `*`; separators
 * and a leading `+` stay, so the line keeps its shape. Digits touching letters are masked too
 * (`TEL09012345678`, `電話09012345678`); only UUIDs, ISO 8601 times and an ARN's account are
 * left as they are. Linear in the length of `text`.
 *
 * @example
 * ```ts
 * import { maskPhoneNumbersIn } from "@connect-affinity/core";
 *
 * maskPhoneNumbersIn("caller 819012345678");       // "caller 81********78"
 * maskPhoneNumbersIn("＋８１ ９０－１２３４－５６７８"); // "＋８１ **－****－**７８"
 * maskPhoneNumbersIn("agent a1f0c2d4-0000-4000-8000-000000000001"); // unchanged
 * ```
 */
export function maskPhoneNumbersIn(text: string): string {
  const identifiers = identifierRanges(text);
  let next = 0;
  let result = "";
  let copied = 0;
  let index = 0;
  while (index < text.length) {
    const identifier = identifiers[next];
    if (identifier !== undefined && index >= identifier.start) {
      index = Math.max(index, identifier.end);
      next += 1;
      continue;
    }
    if (!isDigit(text.charCodeAt(index))) {
      index += 1;
      continue;
    }
    const run = runAt(text, index, identifier?.start ?? text.length);
    index = run.end;
    if (run.digits < minMaskedDigits) continue;
    result += text.slice(copied, run.start) + maskRun(text.slice(run.start, run.end), run.digits);
    copied = run.end;
  }
  return copied === 0 ? text : result + text.slice(copied);
}

// An email address: a bounded local part of the characters addresses use, `@`, and a domain of
// at least two labels. Bounded quantifiers keep it linear enough on a 2 kB log field.
const emailAddressPattern =
  /[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?){1,8}/g;

/**
 * Every email address in `text` masked: the first character of the local part and of each
 * domain label stay, the top-level domain stays, every other character becomes `*`, so
 * `taro.yamada@example.co.jp` reads `t**********@e******.c*.jp`. An email address identifies a
 * customer as a phone number does, and `email` is an identity source.
 *
 * @example
 * ```ts
 * import { maskEmailAddressesIn } from "@connect-affinity/core";
 *
 * maskEmailAddressesIn("customer taro@example.com"); // "customer t***@e******.com"
 * ```
 */
export function maskEmailAddressesIn(text: string): string {
  if (!text.includes("@")) return text;
  return text.replace(emailAddressPattern, (address) => {
    const at = address.indexOf("@");
    const labels = address.slice(at + 1).split(".");
    const top = labels.pop() ?? "";
    return [
      keepFirst(address.slice(0, at)),
      "@",
      ...labels.map((label) => `${keepFirst(label)}.`),
      top,
    ].join("");
  });
}

function keepFirst(part: string): string {
  return part.slice(0, 1) + "*".repeat(Math.max(0, part.length - 1));
}

/** The identifier ranges of `text`, in order, overlaps merged. */
function identifierRanges(text: string): { readonly start: number; readonly end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  for (const pattern of identifierPatterns) {
    for (const match of text.matchAll(pattern)) {
      ranges.push({ start: match.index, end: match.index + match[0].length });
    }
  }
  ranges.sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/**
 * The run of digits and separators starting at the digit at `start` and ending on a digit,
 * never reaching `limit` (the next identifier).
 */
function runAt(
  text: string,
  start: number,
  limit: number,
): { readonly start: number; readonly end: number; readonly digits: number } {
  let digits = 0;
  let end = start;
  let position = start;
  let separators = 0;
  while (position < limit) {
    if (isDigit(text.charCodeAt(position))) {
      digits += 1;
      separators = 0;
      position += 1;
      end = position;
    } else if (separatorChars.has(text.charAt(position)) && separators < maxSeparatorRun) {
      separators += 1;
      position += 1;
    } else {
      break;
    }
  }
  return { start, end, digits };
}

function maskRun(run: string, digits: number): string {
  let seen = 0;
  let masked = "";
  for (const char of run) {
    if (isDigit(char.charCodeAt(0))) {
      seen += 1;
      masked += seen <= keptDigits || seen > digits - keptDigits ? char : "*";
    } else {
      masked += char;
    }
  }
  return masked;
}

/** The longest excerpt of event data a message quotes by default. */
export const defaultExcerptLength = 32;

/**
 * Event data fit to quote in a message or log line: masked, and cut to `maxLength` characters
 * with the rest counted (`"arn:aws:connect:…"… (+199,968 characters)`), so an oversized or
 * hostile value can neither flood a log nor carry a number through. Non-strings are described
 * by type (`a number`, `an object`), never serialised.
 *
 * @example
 * ```ts
 * import { logExcerpt } from "@connect-affinity/core";
 *
 * logExcerpt("x".repeat(200_000)); // "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"… (+199,968 characters)"
 * logExcerpt("+819012345678");      // "\"+81********78\""
 * logExcerpt(42);                   // "a number"
 * ```
 */
export function logExcerpt(value: unknown, maxLength: number = defaultExcerptLength): string {
  if (typeof value !== "string") return describeType(value);
  const masked = maskedPrefix(value, maxLength);
  const rest = value.length - maxLength;
  const quoted = JSON.stringify(masked);
  return rest > 0 ? `${quoted}… (+${rest.toLocaleString("en-US")} characters)` : quoted;
}

/**
 * `text` masked (phone numbers, then email addresses) and cut to `maxLength` characters, the
 * cut said in words: what a log line keeps of one field.
 *
 * @example
 * ```ts
 * import { truncateForLog } from "@connect-affinity/core";
 *
 * truncateForLog("c".repeat(2_000), 1_024).length; // 1,024 plus the note of what was cut
 * ```
 */
export function truncateForLog(text: string, maxLength: number): string {
  if (text.length <= maxLength) return maskEmailAddressesIn(maskPhoneNumbersIn(text));
  const kept = maskedPrefix(text, maxLength);
  return `${kept}… (+${(text.length - maxLength).toLocaleString("en-US")} characters)`;
}

/**
 * The first `length` characters of `text`, masked. Masking reads a window well past the cut:
 * a run that starts before the cut has at least that many characters in the window, so it is
 * judged whole (or by enough of its digits), and a number the cut splits is still masked.
 */
function maskedPrefix(text: string, length: number): string {
  return maskEmailAddressesIn(maskPhoneNumbersIn(text.slice(0, length + 256))).slice(0, length);
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  switch (typeof value) {
    case "undefined":
      return "nothing";
    case "number":
      return "a number";
    case "boolean":
      return "a boolean";
    case "object":
      return "an object";
    default:
      return `a ${typeof value}`;
  }
}
