import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentPresenceState } from "../../src/domain/agent-presence-state.js";
import {
  createAffinityTableInput,
  createPresenceTableInput,
  DynamoDbAffinityStore,
  DynamoDbAgentIndex,
  DynamoDbPresenceWriter,
} from "../../src/dynamodb/index.js";
import { assignmentFor, callerKey, StickyRouter } from "../../src/index.js";
import { ManualClock, SeededRandom } from "../../src/testing/index.js";
import { type LocalDynamoDb, startLocalDynamoDb } from "../helpers/local-dynamodb.js";

const start = Date.parse("2026-11-24T18:00:00.000Z");
const instance = "arn:aws:connect:eu-west-2:111122223333:instance/i-1";
let local: LocalDynamoDb;
let tableSequence = 0;

beforeAll(async () => {
  local = await startLocalDynamoDb();
});

afterAll(async () => {
  await local.stop();
});

/** The client, with every request it sends counted by operation. */
function counted(client: DynamoDBClient): { client: DynamoDBClient; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const proxy = new Proxy(client, {
    get(target, property, receiver) {
      if (property !== "send") return Reflect.get(target, property, receiver);
      return (command: { constructor: { name: string } }, ...rest: unknown[]) => {
        const name = command.constructor.name.replace(/Command$/, "");
        counts.set(name, (counts.get(name) ?? 0) + 1);
        return (target.send as (...args: unknown[]) => unknown)(command, ...rest);
      };
    },
  });
  return { client: proxy, counts };
}

function agentState(n: number, free: boolean): AgentPresenceState {
  const agentId = `agent-${n}`;
  return {
    agentId,
    agentArn: `${instance}/agent/${agentId}`,
    routable: true,
    availableSlots: { VOICE: free ? 1 : 0 },
    ...(free ? { idle: { since: start - n * 1_000, basis: "observed" as const } } : {}),
    eventType: "STATE_CHANGE",
    eventAt: start - 1_000,
    listed: true,
    routingChange: true,
  };
}

/** A floor of `size` agents (every third busy) on fresh tables, and a router reading them. */
async function aFloor(size: number) {
  tableSequence += 1;
  const affinityTable = `affinity-${tableSequence}`;
  const presenceTable = `presence-${tableSequence}`;
  await local.createTable(createAffinityTableInput(affinityTable));
  await local.createTable(createPresenceTableInput(presenceTable));
  const clock = new ManualClock(start);
  const writer = new DynamoDbPresenceWriter({
    client: local.client,
    tableName: presenceTable,
    shards: 4,
    clock,
    concurrency: 64,
  });
  await writer.writeAll(Array.from({ length: size }, (_, n) => agentState(n, n % 3 !== 0)));
  const { client, counts } = counted(local.client);
  const store = new DynamoDbAffinityStore({ client, tableName: affinityTable });
  const agentIndex = new DynamoDbAgentIndex({ client, tableName: presenceTable, clock });
  const router = new StickyRouter({
    store,
    contacts: store,
    agentIndex,
    clock,
    random: new SeededRandom(7),
  });
  // A returning caller whose agent (agent-1) is free, and one whose agent (agent-3) is busy.
  for (const [number, agent] of [
    ["+819011110001", 1],
    ["+819011110003", 3],
  ] as const) {
    await store.save(
      assignmentFor({
        callerKey: callerKey(number),
        agent: { id: `agent-${agent}`, arn: `${instance}/agent/agent-${agent}` },
        contactId: `old-${agent}`,
        at: start - 86_400_000,
        lifetimeSeconds: 30 * 86_400,
      }),
    );
  }
  // Warm the container's status cache, as a container past its first contact has.
  await agentIndex.status();
  counts.clear();
  return { router, counts, agentIndex };
}

const contact = (contactId: string, customerAddress: string) => ({
  contactId,
  channel: "VOICE" as const,
  customerAddress,
  instanceArn: instance,
});

describe("DynamoDB requests of one route on the agent index", () => {
  it("is the same handful whatever the floor size: no request grows with the agents", async () => {
    const byFloor = [];
    for (const size of [60, 600]) {
      // Prepare
      const { router, counts, agentIndex } = await aFloor(size);

      // Act
      const returning = await router.route(contact("c-1", "+819011110001"));
      const returningCounts = Object.fromEntries(counts);
      counts.clear();
      const busyAgent = await router.route(contact("c-2", "+819011110003"));
      const busyCounts = Object.fromEntries(counts);
      counts.clear();
      const newCaller = await router.route(contact("c-3", "+819099990000"));
      const newCounts = Object.fromEntries(counts);

      // Assess
      expect(returning).toMatchObject({ agentId: "agent-1", reason: "returning-caller" });
      expect(busyAgent).toMatchObject({ reason: "preferred-agent-busy", presence: "verified" });
      expect(newCaller).toMatchObject({ reason: "new-caller", presence: "verified" });
      byFloor.push({
        returningCounts,
        busyCounts,
        newCounts,
        entries: agentIndex.stats().entriesRead,
      });
    }

    // Assess: the record, the contact index entry, the agent's item, a reservation; a shard
    // read when the agent is busy or the caller new.
    const expected = {
      returningCounts: { GetItem: 2, PutItem: 1, UpdateItem: 1 },
      busyCounts: { GetItem: 2, PutItem: 1, Query: 1, UpdateItem: 1 },
      newCounts: { GetItem: 1, PutItem: 1, Query: 1, UpdateItem: 1 },
    };
    expect(byFloor.map(({ entries: _, ...counts }) => counts)).toEqual([expected, expected]);
    // A shard read returns at most 20 entries, whatever the floor.
    for (const { entries } of byFloor) expect(entries).toBeLessThanOrEqual(40);
    // Two floors written to dynalite: generous on a shared machine.
  }, 120_000);
});
