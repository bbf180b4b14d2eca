import { describe, expect, it } from "vitest";
import {
  answeringAgentPolicy,
  type PolicyAgent,
  scenarioPolicy,
} from "../../src/report/last-agent-policy.js";

const sato: PolicyAgent = { id: "id-sato", username: "sato" };
const suzuki: PolicyAgent = { id: "id-suzuki", username: "suzuki" };
const agents = new Map([sato, suzuki].map((agent) => [agent.id, agent]));
const base = { customerKeyPassed: true, optedOut: new Set<string>(), agents };

describe("the ground truth of last agent", () => {
  it("knows a caller by their number and credits whoever answers, by default", () => {
    // Act
    const keys = answeringAgentPolicy.keysOf({
      channel: "VOICE",
      customerAddress: "+819011112222",
      talkTimeMs: 1000,
    });

    // Assess
    expect(keys).toEqual(["+819011112222"]);
    expect(
      answeringAgentPolicy.keysOf({
        channel: "VOICE",
        customerAddress: "anonymous",
        talkTimeMs: 1,
      }),
    ).toEqual([]);
  });

  it("knows a customer by each key their sources yield, per channel with the channel scope", () => {
    // Prepare
    const policy = scenarioPolicy({ ...base, scope: "channel" });

    // Act
    const email = policy.keysOf({
      channel: "EMAIL",
      customerAddress: "Ana@Example.com",
      customerKey: "CRM-1",
      talkTimeMs: 1000,
    });
    const chat = policy.keysOf({ channel: "CHAT", customerKey: "CRM-1", talkTimeMs: 1000 });

    // Assess: an address has no digits, yet is no withheld number.
    expect(email).toEqual(["customer:CRM-1#EMAIL", "email:ana@example.com#EMAIL"]);
    expect(chat).toEqual(["customer:CRM-1#CHAT"]);
  });

  it("ignores the customer key when the flow does not pass it", () => {
    // Prepare
    const policy = scenarioPolicy({ ...base, customerKeyPassed: false });

    // Act
    const keys = policy.keysOf({ channel: "CHAT", customerKey: "CRM-1", talkTimeMs: 1000 });

    // Assess
    expect(keys).toEqual([]);
  });

  it("credits only a long enough conversation, never an agent who opted out", () => {
    // Prepare
    const policy = scenarioPolicy({
      ...base,
      minimumTalkSeconds: 30,
      optedOut: new Set([suzuki.id]),
    });
    const call = { channel: "VOICE" as const, customerAddress: "+819011112222" };

    // Act / Assess
    expect(policy.creditedAgent({ ...call, talkTimeMs: 29_999 }, sato)).toBeUndefined();
    expect(policy.creditedAgent({ ...call, talkTimeMs: 30_000 }, sato)).toBe(sato);
    expect(policy.creditedAgent({ ...call, talkTimeMs: 60_000 }, suzuki)).toBeUndefined();
  });

  it("credits a transfer's finishing agent, or its first one when told", () => {
    // Prepare
    const call = {
      channel: "VOICE" as const,
      customerAddress: "+819011112222",
      talkTimeMs: 100_000,
      transfer: { afterMs: 40_000, toAgentId: suzuki.id },
    };
    const finishing = scenarioPolicy({ ...base, minimumTalkSeconds: 30 });
    const first = scenarioPolicy({ ...base, minimumTalkSeconds: 30, transferCredit: "first" });

    // Act / Assess
    expect(finishing.creditedAgent(call, sato)).toBe(suzuki);
    expect(first.creditedAgent(call, sato)).toBe(sato);
    // The finishing part too short: the agent before them keeps the customer.
    expect(finishing.creditedAgent({ ...call, talkTimeMs: 60_000 }, sato)).toBe(sato);
  });
});
