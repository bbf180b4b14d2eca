import { describe, expect, it } from "vitest";
import { judgeAffinity } from "../../src/domain/affinity-judgement.js";
import { type AffinityRecord, assignmentFor, createAgentRoster } from "../../src/index.js";
import { anAgent } from "./agents.js";

const now = Date.UTC(2026, 10, 24, 12, 0, 0);

function aRecord(overrides: Partial<AffinityRecord> = {}): AffinityRecord {
  const agent = anAgent("a1");
  return {
    callerKey: "+819012345678",
    agentId: agent.id,
    agentArn: agent.arn,
    lastContactAt: now - 86_400_000,
    lastContactId: "contact-0",
    contactCount: 3,
    expiresAt: now / 1000 + 3600,
    ...overrides,
  };
}

describe("judgeAffinity", () => {
  const roster = createAgentRoster([anAgent("a1"), anAgent("a2")]);

  it("finds a fresh record whose agent is in the directory", () => {
    expect(judgeAffinity(aRecord(), now, roster)).toEqual({ kind: "fresh", agent: anAgent("a1") });
  });

  it("uses the directory's current ARN for the agent", () => {
    // Prepare
    const moved = createAgentRoster([anAgent("a1", { arn: "arn:new" })]);

    // Act
    const judgement = judgeAffinity(aRecord(), now, moved);

    // Assess
    expect(judgement).toEqual({ kind: "fresh", agent: anAgent("a1", { arn: "arn:new" }) });
  });

  it("does not vouch for an unverified agent while the directory cannot be read", () => {
    expect(judgeAffinity(aRecord({ agentUnverified: true }), now, undefined)).toEqual({
      kind: "unverifiable",
    });
  });

  it("trusts an unverified agent once the directory knows them, and only then", () => {
    const record = aRecord({ agentUnverified: true });
    expect(judgeAffinity(record, now, roster)).toEqual({ kind: "fresh", agent: anAgent("a1") });
    expect(judgeAffinity(record, now, createAgentRoster([anAgent("a2")]))).toEqual({
      kind: "agent-gone",
    });
  });

  it("has nothing for a caller without a record", () => {
    expect(judgeAffinity(undefined, now, roster)).toEqual({ kind: "none" });
  });

  it("ignores an expired record, from the second it expires", () => {
    expect(judgeAffinity(aRecord({ expiresAt: now / 1000 }), now, roster)).toEqual({
      kind: "expired",
    });
    expect(judgeAffinity(aRecord({ expiresAt: now / 1000 - 1 }), now, roster)).toEqual({
      kind: "expired",
    });
  });

  it("ignores a record naming an agent who left the directory", () => {
    expect(judgeAffinity(aRecord({ agentId: "gone" }), now, roster)).toEqual({
      kind: "agent-gone",
    });
  });

  it("trusts the record's agent, unconfirmed, when the directory is unknown", () => {
    expect(judgeAffinity(aRecord(), now, undefined)).toEqual({
      kind: "unconfirmed",
      agent: { id: "a1", arn: anAgent("a1").arn },
    });
  });

  it("still ignores an expired record when the directory is unknown", () => {
    expect(judgeAffinity(aRecord({ expiresAt: 1 }), now, undefined)).toEqual({ kind: "expired" });
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
