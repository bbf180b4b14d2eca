import { describe, expect, it } from "vitest";
import {
  type AffinityAssignment,
  emptyRecord,
  isEmptyRecord,
  maxExcludedAgents,
  mergeAssignment,
  withExclusions,
  withPin,
} from "../../src/domain/affinity-record.js";
import type { AffinityRecord } from "../../src/index.js";

const key = "+819012345678";

function assignment(contactId: string, agentId: string, at: number): AffinityAssignment {
  return {
    callerKey: key,
    agentId,
    agentArn: `arn:…/agent/${agentId}`,
    contactId,
    at,
    expiresAt: at / 1000 + 60,
  };
}

/** Merges the assignments in order, as a store would, returning the final record. */
function mergeAll(assignments: readonly AffinityAssignment[], start?: AffinityRecord) {
  let record = start;
  for (const next of assignments) {
    const merged = mergeAssignment(record, next);
    if (merged.kind !== "superseded") record = merged.record;
  }
  return record;
}

describe("merging assignments into a customer's record", () => {
  it("keeps the agents who served, most recent first, with how often each served", () => {
    const record = mergeAll([
      assignment("c1", "sato", 1000),
      assignment("c2", "suzuki", 2000),
      assignment("c3", "sato", 3000),
    ]);
    expect(
      record?.agents.map(({ agentId, count, lastServedAt }) => [agentId, count, lastServedAt]),
    ).toEqual([
      ["sato", 2, 3000],
      ["suzuki", 1, 2000],
    ]);
    expect(record?.contactCount).toBe(3);
    expect(record?.lastContact).toEqual({ contactId: "c3", at: 3000 });
  });

  it("remembers at most five agents, dropping the one who served least recently", () => {
    const record = mergeAll(
      ["a", "b", "c", "d", "e", "f"].map((agent, index) =>
        assignment(`c${index}`, agent, index + 1),
      ),
    );
    expect(record?.agents.map((agent) => agent.agentId)).toEqual(["f", "e", "d", "c", "b"]);
    expect(record?.contactCount).toBe(6);
  });

  it("does not count a contact twice when it is recorded again", () => {
    const record = mergeAll([assignment("c1", "sato", 1000), assignment("c1", "sato", 1500)]);
    expect(record?.contactCount).toBe(1);
    expect(record?.agents).toMatchObject([{ agentId: "sato", count: 1, lastServedAt: 1500 }]);
  });

  it("makes the agent the contact event names the latest when the flow recorded another", () => {
    const record = mergeAll([assignment("c1", "sato", 1000), assignment("c1", "suzuki", 1200)]);
    // One write, no read: the agent recorded first keeps their entry as it was.
    expect(record?.agents).toMatchObject([
      { agentId: "suzuki", count: 1, lastServedAt: 1200 },
      { agentId: "sato", count: 1, lastServedAt: 1000 },
    ]);
    expect(record?.contactCount).toBe(1);
  });

  it("refuses an older contact, or a different one of the same millisecond", () => {
    const stored = mergeAll([assignment("c2", "sato", 2000)]);
    expect(mergeAssignment(stored, assignment("c1", "suzuki", 1000))).toEqual({
      kind: "superseded",
    });
    expect(mergeAssignment(stored, assignment("c3", "suzuki", 2000))).toEqual({
      kind: "superseded",
    });
  });

  it("keeps a pin and exclusions through later contacts, and says created for the first contact", () => {
    // Prepare
    const preferences = withExclusions(
      withPin(emptyRecord(key), { agentId: "tanaka", agentArn: "arn", pinnedAt: 1 }),
      ["kato"],
    );

    // Act
    const merged = mergeAssignment(preferences, assignment("c1", "sato", 1000));

    // Assess
    expect(merged.kind).toBe("created");
    expect(merged.kind !== "superseded" && merged.record).toMatchObject({
      pin: { agentId: "tanaka" },
      excludedAgentIds: ["kato"],
      agents: [{ agentId: "sato" }],
    });
  });
});

describe("preferences", () => {
  it("adds and removes exclusions, sorted and without duplicates", () => {
    const record = withExclusions(withExclusions(emptyRecord(key), ["b", "a", "b"]), ["b"], true);
    expect(record.excludedAgentIds).toEqual(["a"]);
  });

  it(`refuses more than ${maxExcludedAgents} exclusions per customer`, () => {
    const many = Array.from({ length: maxExcludedAgents + 1 }, (_, index) => `agent-${index}`);
    expect(() => withExclusions(emptyRecord(key), many)).toThrow(RangeError);
  });

  it("counts a record with nothing left as empty", () => {
    const pinned = withPin(emptyRecord(key), { agentId: "a", agentArn: "arn", pinnedAt: 1 });
    expect(isEmptyRecord(pinned)).toBe(false);
    expect(isEmptyRecord(withPin(pinned, undefined))).toBe(true);
  });
});

describe("bounded preferences", () => {
  it("refuses to exclude an agent ID longer than a Connect user ID, and keeps the record", () => {
    const record = emptyRecord("+819012345678");
    expect(() => withExclusions(record, ["a".repeat(257)])).toThrow(RangeError);
    expect(() => withExclusions(record, ["agent/1"])).toThrow(RangeError);
    expect(record.excludedAgentIds).toEqual([]);
  });

  it("still removes whatever was excluded, whatever its form", () => {
    const record = { ...emptyRecord("+819012345678"), excludedAgentIds: ["old/form"] };
    expect(withExclusions(record, ["old/form"], true).excludedAgentIds).toEqual([]);
  });

  it("refuses a pin whose agent ID or ARN is over its limit", () => {
    const record = emptyRecord("+819012345678");
    expect(() =>
      withPin(record, { agentId: "a".repeat(257), agentArn: "arn", pinnedAt: 1 }),
    ).toThrow(RangeError);
    expect(() =>
      withPin(record, { agentId: "tanaka", agentArn: "a".repeat(513), pinnedAt: 1 }),
    ).toThrow(RangeError);
  });
});
