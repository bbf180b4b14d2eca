import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logExcerpt, maskPhoneNumbersIn, truncateForLog } from "../../src/index.js";

/**
 * National significant numbers (no trunk 0, no country code) of the kinds Japan and the US
 * hand out: Japanese mobiles, IP phones, toll-free and landlines (Tokyo, Osaka, a four-digit
 * area), and US numbers (NPA-NXX-XXXX).
 */
const japanese = fc.oneof(
  fc.tuple(fc.constantFrom("70", "80", "90", "50"), fc.stringMatching(/^\d{8}$/)),
  fc.tuple(fc.constant("120"), fc.stringMatching(/^\d{6}$/)),
  fc.tuple(fc.constantFrom("3", "6"), fc.stringMatching(/^\d{8}$/)),
  fc.tuple(fc.constantFrom("4992", "1547"), fc.stringMatching(/^\d{5}$/)),
);
const american = fc.tuple(fc.stringMatching(/^[2-9]\d\d$/), fc.stringMatching(/^[2-9]\d\d\d{4}$/));

/** A number as it reaches a log line: the digits to write, with any prefix. */
interface Written {
  readonly plus: boolean;
  readonly digits: string;
}

const japaneseWritten: fc.Arbitrary<Written> = japanese.chain(([head, tail]) => {
  const nsn = head + tail;
  return fc.constantFrom<Written>(
    { plus: true, digits: `81${nsn}` }, // E.164
    { plus: false, digits: `81${nsn}` }, // national form with the country code
    { plus: false, digits: `0${nsn}` }, // domestic
    { plus: false, digits: `0081${nsn}` }, // 00 international prefix
    { plus: false, digits: `01081${nsn}` }, // Japan's international prefix
    { plus: false, digits: `01181${nsn}` }, // the US's international prefix
    { plus: true, digits: `810${nsn}` }, // "+81 (0)90 …", the trunk zero kept
  );
});

const americanWritten: fc.Arbitrary<Written> = american.chain(([area, rest]) => {
  const nsn = area + rest;
  return fc.constantFrom<Written>(
    { plus: true, digits: `1${nsn}` },
    { plus: false, digits: `1${nsn}` },
    { plus: false, digits: nsn },
    { plus: false, digits: `001${nsn}` },
    { plus: false, digits: `0111${nsn}` },
  );
});

const separators = fc.constantFrom(
  "",
  " ",
  "-",
  ".",
  "/",
  "\u2010",
  "\u2013",
  "\u2212",
  "\u30fc",
  "\uff0d",
  "\u3000",
  "\u00a0",
);

/** The digits cut into groups joined by one separator, the first group perhaps in parentheses. */
function grouped(digits: string): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 8 }),
      separators,
      fc.boolean(),
    )
    .map(([sizes, separator, parenthesised]) => {
      const groups: string[] = [];
      let at = 0;
      for (const size of sizes) {
        if (at >= digits.length) break;
        groups.push(digits.slice(at, at + size));
        at += size;
      }
      if (at < digits.length) groups.push(digits.slice(at));
      const [first = "", ...rest] = groups;
      const lead = parenthesised && rest.length > 0 ? `(${first})` : first;
      return [lead, ...rest].join(parenthesised ? ` ` : separator);
    });
}

const toFullWidth = (text: string): string =>
  text.replace(/[0-9+]/g, (char) =>
    char === "+" ? "\uff0b" : String.fromCharCode(char.charCodeAt(0) - 0x30 + 0xff10),
  );

/** A number in every form: grouping, width, `+`, a URI around it. */
const anyNumber: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(japaneseWritten, americanWritten),
    fc.boolean(),
    fc.constantFrom("", "tel:", "sip:"),
  )
  .chain(([written, fullWidth, scheme]) =>
    grouped(written.digits).map((body) => {
      const number = `${written.plus ? "+" : ""}${body}`;
      const wide = fullWidth ? toFullWidth(number) : number;
      return scheme === "sip:" ? `sip:${wide}@pbx.example.com` : `${scheme}${wide}`;
    }),
  );

/** Text around a number: anything without digits (words, JSON, Japanese, punctuation). */
const context = fc.string({
  unit: fc.constantFrom(..."abcxyzTEL _=:,;'\"{}[]<>電話番号お客様\\\n\t".split("")),
  maxLength: 12,
});

const asciiDigits = (text: string): string =>
  text
    .replace(/[\uff10-\uff19]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/\D/g, "");

describe("masking (properties over the forms numbers take in Japan and the US)", () => {
  it("leaves at most four digits of a number in any form, in any text", () => {
    fc.assert(
      fc.property(context, anyNumber, context, (before, number, after) => {
        const masked = maskPhoneNumbersIn(`${before}${number}${after}`);
        expect(asciiDigits(masked).length).toBeLessThanOrEqual(4);
        expect(masked).toHaveLength(before.length + number.length + after.length);
      }),
      { numRuns: 1_000 },
    );
  });

  it("leaves at most four digits of each of several numbers on one line", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(anyNumber, context), { minLength: 2, maxLength: 4 }),
        (parts) => {
          const masked = maskPhoneNumbersIn(
            parts.map(([number, text]) => `${number} ${text}`).join(" "),
          );
          expect(asciiDigits(masked).length).toBeLessThanOrEqual(4 * parts.length);
        },
      ),
    );
  });

  it("quotes no more than four digits of a number in an excerpt or a truncated field", () => {
    fc.assert(
      fc.property(context, anyNumber, fc.integer({ min: 1, max: 64 }), (before, number, cut) => {
        // The note of what was cut ("… (+17 characters)") is not the number's.
        const quoted = (text: string): string => text.replace(/… \(\+[\d,]+ characters\)$/, "");
        expect(
          asciiDigits(quoted(logExcerpt(`${before}${number}`, cut))).length,
        ).toBeLessThanOrEqual(4);
        expect(
          asciiDigits(quoted(truncateForLog(`${before}${number}`, cut))).length,
        ).toBeLessThanOrEqual(4);
      }),
    );
  });

  it("leaves UUIDs and ISO 8601 times whole", () => {
    fc.assert(
      fc.property(fc.uuid(), fc.date({ noInvalidDate: true, min: new Date(0) }), (uuid, date) => {
        const text = `contact ${uuid} at ${date.toISOString()}`;
        expect(maskPhoneNumbersIn(text)).toBe(text);
      }),
    );
  });
});
