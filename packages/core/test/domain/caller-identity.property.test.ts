import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertCallerKey, contactKeyPrefix } from "../../src/domain/caller-identity.js";
import { callerKey, maskPhoneNumber, parseCaller } from "../../src/index.js";

/** Japanese mobile numbers: +81 then 70/80/90 and eight digits (all "possible"). */
const japaneseMobiles = fc
  .tuple(fc.constantFrom("70", "80", "90"), fc.stringMatching(/^\d{8}$/))
  .map(([prefix, rest]) => `+81${prefix}${rest}`);

const separators = fc.constantFrom(" ", "-", ".", "(", ")", "");

/** The same number as a person or a system might type it. */
function formatted(e164: string): fc.Arbitrary<string> {
  const digits = e164.slice(1).split("");
  return fc
    .tuple(
      fc.constantFrom("+", "00"),
      fc.array(separators, { minLength: digits.length, maxLength: digits.length }),
    )
    .map(
      ([prefix, seps]) =>
        prefix + digits.map((digit, index) => digit + (seps[index] ?? "")).join(""),
    );
}

describe("caller identity (properties)", () => {
  it("reads every formatting of a number as the same E.164", () => {
    fc.assert(
      fc.property(
        japaneseMobiles.chain((e164) => fc.tuple(fc.constant(e164), formatted(e164))),
        ([e164, text]) => {
          expect(parseCaller(text)).toEqual({ kind: "known", e164 });
        },
      ),
    );
  });

  it("never lets a masked number show more than four of its digits", () => {
    fc.assert(
      fc.property(japaneseMobiles, (e164) => {
        const masked = maskPhoneNumber(e164);
        expect(masked.replace(/\D/g, "").length).toBeLessThanOrEqual(4);
        expect(masked).toHaveLength(e164.length);
      }),
    );
  });

  it("never throws and never echoes arbitrary input whole when masking", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const masked = maskPhoneNumber(text);
        const digits = text.replace(/\D/g, "");
        if (digits.length >= 6) expect(masked).not.toContain(digits);
      }),
    );
  });

  it("keys a caller without any run of their digits when a secret is set", () => {
    fc.assert(
      fc.property(japaneseMobiles, fc.string({ minLength: 1 }), (e164, secret) => {
        const key = callerKey(e164, secret);
        expect(key.startsWith("h1:")).toBe(true);
        expect(key).not.toContain(e164.slice(-8));
      }),
    );
  });

  it("never makes a caller key in the contact index's key space, with or without a secret", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
        (text, secret) => {
          const identity = parseCaller(text, { defaultCallingCode: "81" });
          if (identity.kind !== "known") return;
          const key = callerKey(identity.e164, secret);
          expect(key.startsWith(contactKeyPrefix)).toBe(false);
          expect(() => assertCallerKey(key)).not.toThrow();
        },
      ),
    );
  });

  it("never throws on arbitrary input and answers one of the documented shapes", () => {
    fc.assert(
      fc.property(fc.option(fc.string({ maxLength: 60 }), { nil: undefined }), (text) => {
        const identity = parseCaller(text);
        if (identity.kind === "known") expect(identity.e164).toMatch(/^\+[1-9]\d{5,14}$/);
        else expect(["absent", "withheld", "invalid"]).toContain(identity.reason);
      }),
    );
  });
});
