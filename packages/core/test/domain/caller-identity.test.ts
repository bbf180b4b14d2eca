import { describe, expect, it } from "vitest";
import { assertCallerKey } from "../../src/domain/caller-identity.js";
import { callerKey, InvalidCallerKeyError, maskPhoneNumber, parseCaller } from "../../src/index.js";

describe("parseCaller", () => {
  it.each([
    ["+81 90-1234-5678", "+819012345678"],
    ["+81 (3) 1234.5678", "+81312345678"],
    ["0081 90 1234 5678", "+819012345678"],
    ["+1 555 555 0100", "+15555550100"],
    ["+1 (202) 555-0100", "+12025550100"],
    ["+44 20 7946 0000", "+442079460000"],
    ["tel:+819012345678", "+819012345678"],
    ["+81 (0)90-1234-5678", "+819012345678"],
    ["sip:+819012345678@trunk.example.com;user=phone", "+819012345678"],
  ])("normalises %s to E.164 %s", (address, e164) => {
    // Act
    const identity = parseCaller(address);

    // Assess
    expect(identity).toEqual({ kind: "known", e164 });
  });

  it("reads a national number only when a default calling code is configured", () => {
    // Act
    const without = parseCaller("090-1234-5678");
    const withCode = parseCaller("090-1234-5678", { defaultCallingCode: "81" });
    const withPlus = parseCaller("03 1234 5678", { defaultCallingCode: "+81" });

    // Assess
    expect(without).toEqual({ kind: "anonymous", reason: "invalid" });
    expect(withCode).toEqual({ kind: "known", e164: "+819012345678" });
    expect(withPlus).toEqual({ kind: "known", e164: "+81312345678" });
  });

  it.each([
    "anonymous",
    "Anonymous",
    "RESTRICTED",
    "private",
    "Unavailable",
    "unknown",
    "withheld",
    "+266696687",
    "266696687",
    "+7378742833",
    "+86282452253",
    "+8656696",
    "sip:anonymous@anonymous.invalid",
  ])("treats the withheld number %s as anonymous", (address) => {
    expect(parseCaller(address)).toEqual({ kind: "anonymous", reason: "withheld" });
  });

  it.each([undefined, "", "   ", "tel:"])(
    "treats an absent number (%j) as anonymous",
    (address) => {
      expect(parseCaller(address)).toEqual({ kind: "anonymous", reason: "absent" });
    },
  );

  it.each([
    "abc",
    "+81abc",
    "12",
    "+12345",
    "+999 1234567",
    "+81 90 1234 5678 9999 9999",
    "++819012345678",
    "customer@example.com",
  ])("treats the invalid number %j as anonymous", (address) => {
    expect(parseCaller(address)).toEqual({ kind: "anonymous", reason: "invalid" });
  });

  it("accepts a possible but unassigned test number (isPossible, not isValid)", () => {
    expect(parseCaller("+15555550100")).toEqual({ kind: "known", e164: "+15555550100" });
  });
});

describe("callerKey", () => {
  it("is the E.164 number itself without a secret", () => {
    expect(callerKey("+819012345678")).toBe("+819012345678");
  });

  it("never contains the number when a secret is given", () => {
    // Act
    const key = callerKey("+819012345678", "s3cret-for-tests");

    // Assess
    expect(key).toMatch(/^h1:[A-Za-z0-9_-]{43}$/);
    expect(key).not.toContain("819012345678");
    expect(key).not.toContain("12345678");
  });

  it("is stable per number and secret, and differs across numbers and secrets", () => {
    // Act
    const first = callerKey("+819012345678", "secret-a");
    const again = callerKey("+819012345678", "secret-a");
    const otherNumber = callerKey("+819012345679", "secret-a");
    const otherSecret = callerKey("+819012345678", "secret-b");

    // Assess
    expect(again).toBe(first);
    expect(otherNumber).not.toBe(first);
    expect(otherSecret).not.toBe(first);
  });

  it("is the HMAC-SHA-256 of the number, so other tools can compute it", async () => {
    // Prepare
    const { createHmac } = await import("node:crypto");
    const expected = createHmac("sha256", "k").update("+15555550100").digest("base64url");

    // Act & Assess
    expect(callerKey("+15555550100", "k")).toBe(`h1:${expected}`);
  });
});

describe("maskPhoneNumber", () => {
  it.each([
    ["+81312345678", "+81*******78"],
    ["+819012345678", "+81********78"],
    ["+1 555 555 0100", "+1********00"],
    ["0081 90 1234 5678", "+81********78"],
  ])("masks %s as %s", (value, masked) => {
    expect(maskPhoneNumber(value)).toBe(masked);
  });

  it("never returns more than the country code and two final digits", () => {
    // Act
    const masked = maskPhoneNumber("+819012345678");

    // Assess
    expect(masked).not.toContain("9012");
    expect(masked.replace(/\D/g, "")).toBe("8178");
  });

  it.each([
    [undefined, "(absent)"],
    ["", "(absent)"],
    ["anonymous", "anonymous"],
    ["12345", "*****"],
    ["+123", "+***"],
    ["john@example.com", "(non-numeric, 16 characters)"],
  ])("is safe on junk input %j", (value, masked) => {
    expect(maskPhoneNumber(value)).toBe(masked);
  });

  it("keeps no run of digits from a short number", () => {
    expect(maskPhoneNumber("1234567")).toMatch(/^\d?\**\d{0,2}$/);
    expect(maskPhoneNumber("1234567").replace(/\D/g, "").length).toBeLessThanOrEqual(3);
  });
});

describe("bounded caller keys", () => {
  it("refuses a store key longer than 1,024 characters", () => {
    expect(() => assertCallerKey(`key:${"k".repeat(1_021)}`)).toThrow(InvalidCallerKeyError);
    expect(() => assertCallerKey(`key:${"k".repeat(1_020)}`)).not.toThrow();
  });
});
