import { maskPhoneNumbersIn } from "@connect-affinity/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger, maskDigits, maskPhoneNumbers, maxLogFieldLength } from "../src/logger.js";

describe("email address masking", () => {
  it("masks an email address under any key, in messages and in nested objects", () => {
    // Prepare
    const line = JSON.stringify(
      {
        message: "routed taro@example.com",
        customerAddress: "taro@example.com",
        nested: { to: "hanako@example.jp" },
      },
      maskPhoneNumbers,
    );

    // Assess
    expect(line).not.toMatch(/taro|hanako/);
    expect(line).toContain("t***@e******.com");
  });
});

describe("phone number masking", () => {
  it("keeps the first and last two digits of a number", () => {
    // Act
    const masked = maskDigits("+819012345678");

    // Assess
    expect(masked).toBe("+81********78");
  });

  it.each([
    ["caller +819012345678 routed", "caller +81********78 routed"],
    ["formatted +81 90-1234-5678", "formatted +81 **-****-**78"],
    ["domestic 090-1234-5678", "domestic 09*-****-**78"],
    ["domestic 09012345678", "domestic 09*******78"],
  ])("masks the number in %j", (text, expected) => {
    // Act
    const masked = maskPhoneNumbersIn(text);

    // Assess
    expect(masked).toBe(expected);
  });

  it.each([
    "arn:aws:connect:ap-northeast-1:123456789012:instance/5b1e7c3a-2f4d-4e8b-9a61-0c3d2e4f5a6b",
    "4a573372-1f28-4e26-b97b-0e1f2a3b4c5d",
    "2026-11-24T10:15:31.000Z",
  ])("leaves %j alone", (text) => {
    // Act
    const masked = maskPhoneNumbersIn(text);

    // Assess
    expect(masked).toBe(text);
  });

  it("masks full-width digits under an address-like key", () => {
    // Act
    const masked = maskPhoneNumbers("caller", "０９０１２３４５６７８");

    // Assess
    expect(masked).toBe("０９*******７８");
  });

  it("cuts a field longer than the limit and says how much it cut", () => {
    // Act
    const masked = maskPhoneNumbers("contactId", "c".repeat(1_000_000));

    // Assess
    expect(masked).toBe(
      `${"c".repeat(maxLogFieldLength)}… (+${(1_000_000 - maxLogFieldLength).toLocaleString("en-US")} characters)`,
    );
  });

  it("keeps a Kinesis sequence number whole", () => {
    // Prepare
    const sequenceNumber = "49590338271490256608559692538361571095921575989136588898";

    // Act
    const masked = maskPhoneNumbers("sequenceNumber", sequenceNumber);

    // Assess
    expect(masked).toBe(sequenceNumber);
  });

  it("masks any value under an address-like key", () => {
    // Act
    const masked = maskPhoneNumbers("Address", "819012345678");

    // Assess
    expect(masked).toBe("81********78");
  });
});

describe("createLogger", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("writes JSON lines in which no phone number appears", () => {
    // Prepare
    const lines: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    vi.spyOn(console, "info").mockImplementation((line: unknown) => {
      lines.push(String(line));
    });
    const logger = createLogger({ logLevel: "INFO", serviceName: "test" });

    // Act
    logger.info("Routed +819012345678", {
      caller: "+819012345678",
      nested: { CustomerEndpoint: { Address: "+819012345678" } },
    });

    // Assess
    const output = lines.join("");
    expect(output).not.toContain("9012345678");
    const entry = JSON.parse(output.trim()) as { message?: unknown; caller?: unknown };
    expect(entry.message).toBe("Routed +81********78");
    expect(entry.caller).toBe("+81********78");
  });
});
