import { describe, expect, it } from "vitest";
import {
  queueIdOf,
  scopedKey,
  scopeLifetimeSeconds,
  scopeValueOf,
} from "../../src/domain/affinity-scope.js";

const queueArn = "arn:aws:connect:ap-northeast-1:111122223333:instance/i-1/queue/billing-7";
const agentQueueArn = "arn:aws:connect:ap-northeast-1:111122223333:instance/i-1/agent/a-1";

describe("affinity scope", () => {
  it("keys the global scope by identity alone, so earlier records are found", () => {
    expect(scopedKey("h1:abc", "global", scopeValueOf("global", { channel: "CHAT" }))).toBe(
      "h1:abc",
    );
  });

  it("keys the channel scope by the contact's channel", () => {
    expect(scopedKey("h1:abc", "channel", scopeValueOf("channel", { channel: "CHAT" }))).toBe(
      "h1:abc#channel:CHAT",
    );
  });

  it("keys the queue scope by the working queue, and a contact without one by 'none'", () => {
    expect(scopeValueOf("queue", { channel: "VOICE", queueArn })).toBe("billing-7");
    expect(scopeValueOf("queue", { channel: "VOICE" })).toBe("none");
    // An agent's personal queue is no queue the customer came for.
    expect(scopeValueOf("queue", { channel: "VOICE", queueArn: agentQueueArn })).toBe("none");
    expect(scopedKey("+8190", "queue", "billing-7")).toBe("+8190#queue:billing-7");
  });

  it("reads queue IDs from ARNs or bare IDs only", () => {
    expect(queueIdOf("billing-7")).toBe("billing-7");
    expect(queueIdOf(" ")).toBeUndefined();
    expect(queueIdOf("arn:aws:connect:r:1:instance/i/queue/bad id")).toBeUndefined();
  });

  it("gives each scope value its own lifetime, the default otherwise", () => {
    const lifetimes = { CHAT: 86_400, "billing-7": 2_592_000 };
    expect(scopeLifetimeSeconds("CHAT", lifetimes, 90)).toBe(86_400);
    expect(scopeLifetimeSeconds("billing-7", lifetimes, 90)).toBe(2_592_000);
    expect(scopeLifetimeSeconds("VOICE", lifetimes, 90)).toBe(90);
    expect(scopeLifetimeSeconds(undefined, lifetimes, 90)).toBe(90);
    expect(scopeLifetimeSeconds("toString", lifetimes, 90)).toBe(90);
  });
});
