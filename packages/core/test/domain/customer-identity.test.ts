import { describe, expect, it } from "vitest";
import { parseCustomerKey } from "../../src/domain/customer-identity.js";
import { callerKey, customerIdentities, identityKey, parseEmailAddress } from "../../src/index.js";

const secret = "a-secret-of-sixteen+";
const all = ["customer-key", "phone", "email"] as const;

describe("customer identities", () => {
  it("reads a customer key, a phone number and an email address, in the sources' order", () => {
    expect(
      customerIdentities(
        { channel: "VOICE", customerAddress: "+81 90-1234-5678", customerKey: " CRM-42 " },
        all,
      ),
    ).toEqual([
      { source: "customer-key", value: "CRM-42" },
      { source: "phone", e164: "+819012345678" },
    ]);
    expect(
      customerIdentities(
        { channel: "VOICE", customerAddress: "+81 90-1234-5678", customerKey: "CRM-42" },
        ["phone", "customer-key"],
      ).map((identity) => identity.source),
    ).toEqual(["phone", "customer-key"]);
  });

  it("gives a chat its identity from the customer key alone", () => {
    expect(
      customerIdentities(
        { channel: "CHAT", customerAddress: undefined, customerKey: "CRM-42" },
        all,
      ),
    ).toEqual([{ source: "customer-key", value: "CRM-42" }]);
  });

  it("reads an email contact's address, lower-cased, and never as a phone number", () => {
    expect(
      customerIdentities({ channel: "EMAIL", customerAddress: "Ana.Silva@Example.COM" }, all),
    ).toEqual([{ source: "email", address: "ana.silva@example.com" }]);
  });

  it("leaves out the sources a deployment does not list", () => {
    expect(
      customerIdentities(
        { channel: "VOICE", customerAddress: "+819012345678", customerKey: "CRM-42" },
        ["phone"],
      ),
    ).toEqual([{ source: "phone", e164: "+819012345678" }]);
  });

  it("finds no identity in an anonymous contact", () => {
    for (const contact of [
      { channel: "VOICE", customerAddress: "anonymous", customerKey: "none" },
      { channel: "CHAT", customerAddress: undefined, customerKey: "   " },
      { channel: "EMAIL", customerAddress: "not an address" },
    ] as const) {
      expect(customerIdentities(contact, all)).toEqual([]);
    }
  });

  it("rejects customer keys that are too long or hold control characters", () => {
    expect(parseCustomerKey("x".repeat(256))).toBe("x".repeat(256));
    expect(parseCustomerKey("x".repeat(257))).toBeUndefined();
    expect(parseCustomerKey("a\nb")).toBeUndefined();
    expect(parseCustomerKey("NONE")).toBeUndefined();
  });

  it("reads only plausible email addresses", () => {
    expect(parseEmailAddress("mailto:ana@example.com")).toBe("ana@example.com");
    for (const text of [
      "ana@",
      "@example.com",
      "ana@example",
      "a b@example.com",
      "+819012345678",
    ]) {
      expect(parseEmailAddress(text)).toBeUndefined();
    }
  });
});

describe("identity keys", () => {
  it("keeps a phone number's key exactly as before identities existed", () => {
    expect(identityKey({ source: "phone", e164: "+819012345678" }, secret)).toBe(
      callerKey("+819012345678", secret),
    );
    expect(identityKey({ source: "phone", e164: "+819012345678" })).toBe("+819012345678");
  });

  it("hashes every source with the same secret, and keeps sources apart", () => {
    // Prepare: a customer key that reads exactly like a phone number.
    const phone = identityKey({ source: "phone", e164: "+819012345678" }, secret);
    const key = identityKey({ source: "customer-key", value: "+819012345678" }, secret);
    const email = identityKey({ source: "email", address: "ana@example.com" }, secret);

    // Assess
    for (const hashed of [phone, key, email]) expect(hashed).toMatch(/^h1:[A-Za-z0-9_-]{43}$/);
    expect(new Set([phone, key, email]).size).toBe(3);
    expect(JSON.stringify([phone, key, email])).not.toContain("ana");
  });

  it("names the source in a key stored without a secret", () => {
    expect(identityKey({ source: "customer-key", value: "CRM-42" })).toBe("customer:CRM-42");
    expect(identityKey({ source: "email", address: "ana@example.com" })).toBe(
      "email:ana@example.com",
    );
  });
});
