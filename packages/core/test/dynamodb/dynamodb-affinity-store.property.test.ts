import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AffinityAssignment } from "../../src/domain/affinity-record.js";
import { createAffinityTableInput, DynamoDbAffinityStore } from "../../src/dynamodb/index.js";
import { type LocalDynamoDb, startLocalDynamoDb } from "../helpers/local-dynamodb.js";

const tableName = "affinity-property";
let local: LocalDynamoDb;
let store: DynamoDbAffinityStore;
let run = 0;

beforeAll(async () => {
  local = await startLocalDynamoDb();
  await local.createTable(createAffinityTableInput(tableName));
  store = new DynamoDbAffinityStore({ client: local.client, tableName, consistentRead: true });
});

afterAll(async () => {
  await local.stop();
});

describe("DynamoDbAffinityStore under any interleaving", () => {
  it("keeps the newest contact's agent and counts each stored contact once", async () => {
    await fc.assert(
      fc.asyncProperty(
        // Distinct contact times (ties between different contacts are first-writer-wins),
        // each contact sent one to three times, in an arbitrary order.
        fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 8, maxLength: 8 }),
        fc.infiniteStream(fc.nat()),
        async (times, repeats, order) => {
          // Prepare
          run += 1;
          const callerKey = `+4420700${String(run).padStart(5, "0")}`;
          const contacts: AffinityAssignment[] = times.map((at, index) => ({
            callerKey,
            agentId: `agent-${at}`,
            agentArn: `arn:aws:connect:eu-west-2:111122223333:instance/i-1/agent/agent-${at}`,
            contactId: `contact-${at}`,
            at,
            expiresAt: 2_000_000_000 + index,
          }));
          const writes = contacts.flatMap((contact, index) =>
            Array.from({ length: repeats[index] ?? 1 }, () => contact),
          );
          const keys = writes.map(() => order.next().value);
          const shuffled = writes
            .map((write, index) => ({ write, key: keys[index] ?? 0 }))
            .sort((left, right) => left.key - right.key)
            .map(({ write }) => write);

          // Act
          const outcomes = await Promise.all(shuffled.map((write) => store.save(write)));
          const stored = await store.find(callerKey);

          // Assess
          const newest = Math.max(...times);
          const counted = new Set(
            outcomes.flatMap((outcome, index) =>
              outcome.kind === "superseded" ? [] : [shuffled[index]?.contactId],
            ),
          );
          expect(stored?.agents[0]?.agentId).toBe(`agent-${newest}`);
          expect(stored?.lastContact?.at).toBe(newest);
          expect(stored?.contactCount).toBe(counted.size);
          // Each agent served one contact; at most five are remembered, the latest first.
          expect(stored?.agents.every((agent) => agent.count === 1)).toBe(true);
          expect(stored?.agents.length).toBe(Math.min(counted.size, 5));
          const servedAt = stored?.agents.map((agent) => agent.lastServedAt) ?? [];
          expect(servedAt).toEqual([...servedAt].sort((a, b) => b - a));
          expect(outcomes.filter((outcome) => outcome.kind === "created")).toHaveLength(1);
        },
      ),
      { numRuns: 25 },
    );
    // Up to 24 concurrent writes per run against dynalite: generous, since CPU is shared.
  }, 180_000);
});
