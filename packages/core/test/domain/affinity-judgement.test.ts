import { describe, expect, it } from "vitest";
import { judgeAffinity, judgeCustomer } from "../../src/domain/affinity-judgement.js";
import {
  type AffinityRecord,
  type Agent,
  assignmentFor,
  createAgentRoster,
  type ServedAgent,
} from "../../src/index.js";
import { anAgent } from "./agents.js";

const now = Date.UTC(2026, 10, 24, 12, 0, 0);
const inAnHour = now / 1000 + 3600;

function served(agentId: string, overrides: Partial<ServedAgent> = {}): ServedAgent {
  return {
    agentId,
    agentArn: anAgent(agentId).arn,
    lastServedAt: now - 86_400_000,
    count: 1,
    expiresAt: inAnHour,
    ...overrides,
  };
}

function aRecord(overrides: Partial<AffinityRecord> = {}): AffinityRecord {
  return {
    callerKey: "+819012345678",
    version: 2,
    agents: [served("a1")],
    contactCount: 3,
    lastContact: { contactId: "contact-0", at: now - 86_400_000 },
    excludedAgentIds: [],
    ...overrides,
  };
}

const roster = createAgentRoster([anAgent("a1"), anAgent("a2"), anAgent("a3")]);

describe("judgeAffinity (one record)", () => {
  it("finds the agent who served last, fresh and in the directory", () => {
    expect(judgeAffinity(aRecord(), now, roster)).toEqual({
      kind: "fresh",
      agent: anAgent("a1"),
      source: "history",
      excludedAgentIds: [],
      others: [],
    });
  });

  it("uses the directory's current ARN for the agent", () => {
    // Prepare
    const moved = createAgentRoster([anAgent("a1", { arn: "arn:new" })]);

    // Act
    const judgement = judgeAffinity(aRecord(), now, moved);

    // Assess
    expect(judgement).toMatchObject({ kind: "fresh", agent: anAgent("a1", { arn: "arn:new" }) });
  });

  it("does not vouch for an unverified agent while the directory cannot be read", () => {
    const record = aRecord({ agents: [served("a1", { agentUnverified: true })] });
    expect(judgeAffinity(record, now, undefined)).toEqual({
      kind: "no-preference",
      reason: "unverifiable",
      excludedAgentIds: [],
    });
  });

  it("trusts an unverified agent once the directory knows them, and only then", () => {
    const record = aRecord({ agents: [served("a1", { agentUnverified: true })] });
    expect(judgeAffinity(record, now, roster)).toEqual({
      kind: "fresh",
      agent: anAgent("a1"),
      source: "history",
      excludedAgentIds: [],
      others: [],
    });
    expect(judgeAffinity(record, now, createAgentRoster([anAgent("a2")]))).toEqual({
      kind: "no-preference",
      reason: "agent-gone",
      excludedAgentIds: [],
    });
  });

  it("has nothing for a caller without a record", () => {
    expect(judgeAffinity(undefined, now, roster)).toEqual({
      kind: "no-preference",
      reason: "none",
      excludedAgentIds: [],
    });
  });

  it("ignores an agent whose lifetime is over, from the second it ends", () => {
    for (const expiresAt of [now / 1000, now / 1000 - 1]) {
      expect(
        judgeAffinity(aRecord({ agents: [served("a1", { expiresAt })] }), now, roster),
      ).toMatchObject({ kind: "no-preference", reason: "expired" });
    }
  });

  it("drops an agent who left the directory at once, whatever the record says", () => {
    expect(judgeAffinity(aRecord({ agents: [served("gone")] }), now, roster)).toMatchObject({
      kind: "no-preference",
      reason: "agent-gone",
    });
  });

  it("never prefers an agent who opted out of sticky routing", () => {
    // Prepare
    const optedOut = createAgentRoster([{ ...anAgent("a1"), optedOut: true }]);

    // Act
    const judgement = judgeAffinity(aRecord(), now, optedOut);

    // Assess
    expect(judgement).toMatchObject({ kind: "no-preference", reason: "opted-out" });
  });

  it("trusts the record's agent, unconfirmed, when the directory is unknown", () => {
    expect(judgeAffinity(aRecord(), now, undefined)).toEqual({
      kind: "unconfirmed",
      agent: { id: "a1", arn: anAgent("a1").arn },
      source: "history",
      excludedAgentIds: [],
    });
  });

  it("still ignores an expired agent when the directory is unknown", () => {
    expect(
      judgeAffinity(aRecord({ agents: [served("a1", { expiresAt: 1 })] }), now, undefined),
    ).toMatchObject({ kind: "no-preference", reason: "expired" });
  });

  it("never prefers an agent the customer excluded, and says which agents are excluded", () => {
    expect(judgeAffinity(aRecord({ excludedAgentIds: ["a1", "a3"] }), now, roster)).toEqual({
      kind: "no-preference",
      reason: "excluded",
      excludedAgentIds: ["a1", "a3"],
    });
  });
});

describe("judgeCustomer (identities, pins)", () => {
  const pinned = (agent: Agent, until?: number): AffinityRecord =>
    aRecord({
      pin: {
        agentId: agent.id,
        agentArn: agent.arn,
        pinnedAt: now - 1000,
        ...(until === undefined ? {} : { until }),
      },
    });

  it("prefers a pinned agent over the agent who served last", () => {
    // Prepare
    const record = pinned(anAgent("a2"));

    // Act
    const judgement = judgeCustomer({ history: [record], preferences: [record] }, now, roster);

    // Assess
    expect(judgement).toMatchObject({ kind: "fresh", agent: anAgent("a2"), source: "pin" });
  });

  it("goes back to history once the pin's end date has passed", () => {
    const record = pinned(anAgent("a2"), now);
    expect(judgeCustomer({ history: [record], preferences: [record] }, now, roster)).toMatchObject({
      kind: "fresh",
      agent: anAgent("a1"),
      source: "history",
    });
  });

  it("ignores a pin to an agent who left, opted out or is excluded, and uses history", () => {
    const optedOutRoster = createAgentRoster([anAgent("a1"), { ...anAgent("a2"), optedOut: true }]);
    const gone = pinned(anAgent("gone"));
    const excluded = { ...pinned(anAgent("a2")), excludedAgentIds: ["a2"] };
    for (const [record, directory] of [
      [gone, roster],
      [pinned(anAgent("a2")), optedOutRoster],
      [excluded, roster],
    ] as const) {
      expect(
        judgeCustomer({ history: [record], preferences: [record] }, now, directory),
      ).toMatchObject({ kind: "fresh", agent: anAgent("a1"), source: "history" });
    }
  });

  it("offers a pinned agent unconfirmed while the directory is unknown", () => {
    const record = pinned(anAgent("a2"));
    expect(
      judgeCustomer({ history: [record], preferences: [record] }, now, undefined),
    ).toMatchObject({ kind: "unconfirmed", agent: { id: "a2" }, source: "pin" });
  });

  it("prefers the agent who served most recently over every identity", () => {
    // Prepare: the phone's record is older than the customer key's.
    const byCustomerKey = aRecord({
      callerKey: "customer:C-1",
      agents: [served("a3", { lastServedAt: now - 1000 })],
    });
    const byPhone = aRecord({ agents: [served("a1", { lastServedAt: now - 60_000 })] });

    // Act
    const judgement = judgeCustomer(
      { history: [byPhone, byCustomerKey], preferences: [byPhone, byCustomerKey] },
      now,
      roster,
    );

    // Assess
    expect(judgement).toMatchObject({ kind: "fresh", agent: anAgent("a3") });
  });

  it("takes exclusions and pins from the identity records, history from the scoped ones", () => {
    // Prepare: per-channel history, the customer's preferences under the identity key.
    const history = aRecord({ callerKey: "+819012345678#channel:VOICE" });
    const preferences = aRecord({ agents: [], excludedAgentIds: ["a1", "a2"] });

    // Act
    const judgement = judgeCustomer(
      { history: [history], preferences: [preferences] },
      now,
      roster,
    );

    // Assess
    expect(judgement).toEqual({
      kind: "no-preference",
      reason: "excluded",
      excludedAgentIds: ["a1", "a2"],
    });
  });

  it("unites the exclusions of every identity", () => {
    const one = aRecord({ agents: [], excludedAgentIds: ["a3"] });
    const other = aRecord({ agents: [], excludedAgentIds: ["a2", "a3"] });
    expect(
      judgeCustomer({ history: [], preferences: [one, undefined, other] }, now, roster)
        .excludedAgentIds,
    ).toEqual(["a2", "a3"]);
  });
});

describe("assignmentFor", () => {
  it("expires the lifetime after the contact, in epoch seconds", () => {
    // Act
    const assignment = assignmentFor({
      callerKey: "k",
      agent: anAgent("a1"),
      contactId: "c1",
      at: 1_700_000_000_999,
      lifetimeSeconds: 90 * 86_400,
    });

    // Assess
    expect(assignment).toEqual({
      callerKey: "k",
      agentId: "a1",
      agentArn: anAgent("a1").arn,
      contactId: "c1",
      at: 1_700_000_000_999,
      expiresAt: 1_700_000_000 + 90 * 86_400,
    });
  });
});

describe("ranked preferences", () => {
  const day = 86_400_000;

  it("offers the last agent first even when an older agent served more often", () => {
    // Prepare: a2 served three times ten days ago (score 3 × 0.79), a1 once yesterday (0.98),
    // a3 once twenty days ago (0.63).
    const record = aRecord({
      agents: [
        served("a1", { lastServedAt: now - day }),
        served("a2", { lastServedAt: now - 10 * day, count: 3 }),
        served("a3", { lastServedAt: now - 20 * day }),
      ],
    });

    // Act
    const judgement = judgeAffinity(record, now, roster);

    // Assess
    expect(judgement).toMatchObject({
      kind: "fresh",
      agent: anAgent("a1"),
      source: "history",
      others: [anAgent("a2"), anAgent("a3")],
    });
  });

  it("ranks the other agents by recency and frequency", () => {
    // Prepare: a4 served last (an hour ago); of the others a2 scores 3 × 0.79, a1 0.98,
    // a3 2 × 0.63, a5 0.5 (thirty days), a6 0.25 (sixty days): a6 is the sixth and left out.
    const record = aRecord({
      agents: [
        served("a4", { lastServedAt: now - day / 24 }),
        served("a1", { lastServedAt: now - day }),
        served("a2", { lastServedAt: now - 10 * day, count: 3 }),
        served("a3", { lastServedAt: now - 20 * day, count: 2 }),
        served("a5", { lastServedAt: now - 30 * day }),
        served("a6", { lastServedAt: now - 60 * day }),
      ],
    });
    const everyone = createAgentRoster(
      ["a1", "a2", "a3", "a4", "a5", "a6"].map((id) => anAgent(id)),
    );

    // Act
    const judgement = judgeAffinity(record, now, everyone);

    // Assess
    expect(judgement).toMatchObject({
      kind: "fresh",
      agent: anAgent("a4"),
      others: [anAgent("a2"), anAgent("a3"), anAgent("a1"), anAgent("a5")],
    });
  });

  it("lets recency win between agents who served as often", () => {
    const record = aRecord({
      agents: [
        served("a1", { lastServedAt: now - 5 * day, count: 2 }),
        served("a2", { lastServedAt: now - 2 * day, count: 2 }),
      ],
    });
    expect(judgeAffinity(record, now, roster)).toMatchObject({
      agent: anAgent("a2"),
      others: [anAgent("a1")],
    });
  });

  it("puts a pinned agent first and never ranks an excluded one", () => {
    // Prepare
    const record = aRecord({
      agents: [
        served("a1", { lastServedAt: now - day }),
        served("a2", { lastServedAt: now - 2 * day }),
      ],
      pin: { agentId: "a3", agentArn: anAgent("a3").arn, pinnedAt: now - day },
      excludedAgentIds: ["a1"],
    });

    // Act
    const judgement = judgeAffinity(record, now, roster);

    // Assess
    expect(judgement).toMatchObject({ kind: "fresh", agent: anAgent("a3"), source: "pin" });
    expect(judgement.kind === "fresh" ? judgement.others : undefined).toEqual([anAgent("a2")]);
  });

  it("moves on to the next ranked agent when the last one left the directory", () => {
    const record = aRecord({
      agents: [
        served("gone", { lastServedAt: now - day }),
        served("a2", { lastServedAt: now - 3 * day }),
      ],
    });
    expect(judgeAffinity(record, now, roster)).toMatchObject({
      kind: "fresh",
      agent: anAgent("a2"),
      others: [],
    });
  });
});
