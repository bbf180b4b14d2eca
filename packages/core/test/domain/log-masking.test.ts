import { describe, expect, it } from "vitest";
import {
  logExcerpt,
  maskEmailAddressesIn,
  maskPhoneNumbersIn,
  truncateForLog,
} from "../../src/index.js";

describe("maskPhoneNumbersIn", () => {
  it.each([
    ["E.164", "caller +819012345678 routed", "caller +81********78 routed"],
    ["E.164 with spaces and dashes", "+81 90-1234-5678", "+81 **-****-**78"],
    ["the national form with its country code", "819012345678", "81********78"],
    ["the Japanese domestic form", "09012345678", "09*******78"],
    ["the Japanese domestic form with dashes", "090-1234-5678", "09*-****-**78"],
    ["a Tokyo number in parentheses", "(03) 1234-5678", "(03) ****-**78"],
    ["the 00 international prefix", "00819012345678", "00**********78"],
    ["Japan's 010 international prefix", "010-81-90-1234-5678", "01*-**-**-****-**78"],
    ["full-width digits", "０９０１２３４５６７８", "０９*******７８"],
    ["full-width digits and dashes", "＋８１ ９０－１２３４－５６７８", "＋８１ **－****－**７８"],
    ["a long-vowel mark typed as a dash", "０９０ー１２３４ー５６７８", "０９*ー****ー**７８"],
    ["a US number", "+1 (415) 555-0100", "+1 (4**) ***-**00"],
    ["a US national number", "415.555.0100", "41*.***.**00"],
    ["a US local number", "555-0100", "55*-**00"],
    ["a SIP URI", "sip:+819012345678@pbx.example.com", "sip:+81********78@pbx.example.com"],
    ["digits glued to a word", "TEL09012345678", "TEL09*******78"],
    ["digits glued to Japanese", "電話09012345678", "電話09*******78"],
    ["a number in escaped JSON", '{\\"v\\":\\"819012345678\\"}', '{\\"v\\":\\"81********78\\"}'],
  ])("masks %s", (_form, text, masked) => {
    // Act
    const result = maskPhoneNumbersIn(text);

    // Assess
    expect(result).toBe(masked);
  });

  it.each([
    "arn:aws:connect:ap-northeast-1:123456789012:instance/5b1e7c3a-2f4d-4e8b-9a61-0c3d2e4f5a6b",
    "a1f0c2d4-0000-4000-8000-000000000001",
    "12345678-1234-4234-8234-123456789012",
    "2026-11-24T10:15:31.000Z",
    "took 120 ms, 3 retries",
  ])("leaves the identifiers in %j alone", (text) => {
    // Act
    const result = maskPhoneNumbersIn(text);

    // Assess
    expect(result).toBe(text);
  });

  it("masks a number right after an identifier without touching the identifier", () => {
    // Act
    const result = maskPhoneNumbersIn("a1f0c2d4-0000-4000-8000-000000000001 09012345678");

    // Assess
    expect(result).toBe("a1f0c2d4-0000-4000-8000-000000000001 09*******78");
  });
});

describe("logExcerpt", () => {
  it("quotes at most 32 characters of a 200 kB value and counts the rest", () => {
    // Prepare
    const value = `arn:aws:connect:x:111122223333:instance/i/agent/${"+819012345678".repeat(16_000)}`;

    // Act
    const excerpt = logExcerpt(value);

    // Assess
    expect(excerpt.length).toBeLessThan(80);
    expect(excerpt).toMatch(/^"arn:aws:connect:x:111122223333:i"… \(\+\d{3},\d{3} characters\)$/);
  });

  it("masks the number in a short value", () => {
    // Act
    const excerpt = logExcerpt("+819012345678");

    // Assess
    expect(excerpt).toBe('"+81********78"');
  });

  it("masks a number the cut would split", () => {
    // Act
    const excerpt = logExcerpt(`${"x".repeat(28)}819012345678`);

    // Assess
    expect(excerpt).toMatch(/^"x{28}81\*\*"… \(\+8 characters\)$/);
  });

  it.each([
    [42, "a number"],
    [{ a: "+819012345678" }, "an object"],
    [["+819012345678"], "an array of 1"],
    [null, "null"],
    [undefined, "nothing"],
    [true, "a boolean"],
  ])("describes %j by its type, never its content", (value, description) => {
    // Act
    const excerpt = logExcerpt(value);

    // Assess
    expect(excerpt).toBe(description);
  });
});

describe("truncateForLog", () => {
  it("cuts a long field and says how much it cut", () => {
    // Act
    const text = truncateForLog("c".repeat(2_000), 1_024);

    // Assess
    expect(text).toBe(`${"c".repeat(1_024)}… (+976 characters)`);
  });

  it("masks a short field whole", () => {
    // Act
    const text = truncateForLog("caller 09012345678", 1_024);

    // Assess
    expect(text).toBe("caller 09*******78");
  });
});

describe("maskEmailAddressesIn", () => {
  it.each([
    ["a plain address", "customer taro@example.com", "customer t***@e******.com"],
    ["a sub-domain", "taro.yamada@example.co.jp", "t**********@e******.c*.jp"],
    [
      "digits and a plus tag",
      "from: hanako+2026@mail.example.net,",
      "from: h**********@m***.e******.net,",
    ],
    ["two addresses", "a@b.io or cd@ef.org", "a@b.io or c*@e*.org"],
  ])("masks %s", (_name, text, masked) => {
    expect(maskEmailAddressesIn(text)).toBe(masked);
  });

  it("leaves text without an address alone", () => {
    expect(maskEmailAddressesIn("agent a1 @ 10:00 on queue support")).toBe(
      "agent a1 @ 10:00 on queue support",
    );
  });

  it("is applied by truncateForLog and logExcerpt, before a cut", () => {
    expect(truncateForLog("mail taro@example.com", 100)).toBe("mail t***@e******.com");
    expect(logExcerpt(`${"x".repeat(10)} taro@example.com`, 20)).not.toContain("taro");
  });
});
