import { describe, expect, it } from "vitest";
import { resolveStickyRouterOptions } from "../../src/application/sticky-router-options.js";
import { InvalidOptionError, recordMessages, type StickyRouterOptions } from "../../src/index.js";
import { aRouter, someAgents } from "./router-fixture.js";

describe("StickyRouter options", () => {
  it("defaults to longest-idle from the 5 idle longest, 5 attempts, 90 days, a window of 100, 30-second steps, a one-day contact index and 5-second reservations", () => {
    expect(resolveStickyRouterOptions()).toEqual({
      strategy: "longest-idle",
      maxAttempts: 5,
      idlePoolSize: 5,
      affinityLifetimeSeconds: 7_776_000,
      callerKeySecret: undefined,
      defaultCallingCode: undefined,
      presenceWindow: 100,
      preferredAgentExpirySeconds: 30,
      messages: recordMessages["en-US"],
      contactIndexLifetimeSeconds: 86_400,
      reservationSeconds: 5,
      identitySources: ["customer-key", "phone", "email"],
      scope: "global",
      scopeLifetimes: {},
      minimumTalkSeconds: 0,
      transferCredit: "finishing",
      creditOutbound: false,
    });
  });

  it.each<[string, StickyRouterOptions]>([
    ["strategy", { strategy: "first-user" as never }],
    ["maxAttempts", { maxAttempts: 0 }],
    ["maxAttempts", { maxAttempts: 101 }],
    ["maxAttempts", { maxAttempts: 2.5 }],
    ["idlePoolSize", { idlePoolSize: 0 }],
    ["idlePoolSize", { idlePoolSize: 101 }],
    ["idlePoolSize", { idlePoolSize: 1.5 }],
    ["affinityLifetimeSeconds", { affinityLifetimeSeconds: 0 }],
    ["presenceWindow", { presenceWindow: 101 }],
    ["preferredAgentExpirySeconds", { preferredAgentExpirySeconds: -1 }],
    ["callerKeySecret", { callerKeySecret: "" }],
    ["defaultCallingCode", { defaultCallingCode: "Japan" }],
    ["messages.recorded", { messages: { recorded: "", skipped: "x" } }],
    ["contactIndexLifetimeSeconds", { contactIndexLifetimeSeconds: 59 }],
    ["contactIndexLifetimeSeconds", { contactIndexLifetimeSeconds: 8 * 86_400 + 1 }],
    ["reservationSeconds", { reservationSeconds: -1 }],
    ["reservationSeconds", { reservationSeconds: 301 }],
    ["identitySources", { identitySources: [] }],
    ["identitySources", { identitySources: ["phone", "phone"] }],
    ["identitySources", { identitySources: ["fax" as never] }],
    ["scope", { scope: "tenant" as never }],
    ["scopeLifetimes", { scopeLifetimes: { VOICE: 60 } }],
    ["scopeLifetimes.SMS", { scope: "channel", scopeLifetimes: { SMS: 60 } }],
    ["scopeLifetimes.CHAT", { scope: "channel", scopeLifetimes: { CHAT: 0 } }],
    ["scopeLifetimes.bad queue", { scope: "queue", scopeLifetimes: { "bad queue": 60 } }],
    ["minimumTalkSeconds", { minimumTalkSeconds: -1 }],
    ["minimumTalkSeconds", { minimumTalkSeconds: 86_401 }],
    ["transferCredit", { transferCredit: "last" as never }],
    ["creditOutbound", { creditOutbound: "yes" as never }],
    ["reservationSeconds", { reservationSeconds: 2.5 }],
  ])("rejects a bad %s in the constructor, naming it", (option, options) => {
    // Act
    const construct = () => aRouter(someAgents(1), options);

    // Assess
    expect(construct).toThrow(InvalidOptionError);
    expect(construct).toThrow(`Invalid option ${option}:`);
  });
});
