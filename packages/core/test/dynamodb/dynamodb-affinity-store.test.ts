import { createServer } from "node:net";
import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AffinityAssignment } from "../../src/domain/affinity-record.js";
import {
  affinityTableDefinition,
  createAffinityTableInput,
  DynamoDbAffinityStore,
} from "../../src/dynamodb/index.js";
import { InvalidCallerKeyError } from "../../src/index.js";
import { type LocalDynamoDb, localClient, startLocalDynamoDb } from "../helpers/local-dynamodb.js";

const tableName = "affinity-test";
let local: LocalDynamoDb;
let store: DynamoDbAffinityStore;
let callerSequence = 0;

beforeAll(async () => {
  local = await startLocalDynamoDb();
  await local.createTable(createAffinityTableInput(tableName));
  store = new DynamoDbAffinityStore({ client: local.client, tableName, consistentRead: true });
});

afterAll(async () => {
  await local.stop();
});

/** A caller no other test uses, so tests share one table without seeing each other. */
function freshCaller(): string {
  callerSequence += 1;
  return `+4420794600${String(callerSequence).padStart(2, "0")}`;
}

function assignment(overrides: Partial<AffinityAssignment> & { callerKey: string }) {
  const agentId = overrides.agentId ?? "agent-1";
  return {
    agentId,
    agentArn: `arn:aws:connect:eu-west-2:111122223333:instance/inst-1/agent/${agentId}`,
    contactId: "contact-1",
    at: 1_700_000_000_000,
    expiresAt: 1_707_776_000,
    ...overrides,
  } satisfies AffinityAssignment;
}

async function rawItem(callerKey: string) {
  const { Item } = await local.client.send(
    new GetItemCommand({ TableName: tableName, Key: { callerKey: { S: callerKey } } }),
  );
  return Item;
}

describe("DynamoDbAffinityStore against dynalite", () => {
  it("reads back the assignment it saved", async () => {
    // Prepare
    const callerKey = freshCaller();
    const saved = assignment({ callerKey, agentId: "agent-7", contactId: "c-1" });

    // Act
    const outcome = await store.save(saved);
    const found = await store.find(callerKey);

    // Assess
    const expected = {
      callerKey,
      version: 2,
      agents: [
        {
          agentId: "agent-7",
          agentArn: saved.agentArn,
          lastServedAt: saved.at,
          count: 1,
          expiresAt: saved.expiresAt,
        },
      ],
      contactCount: 1,
      lastContact: { contactId: "c-1", at: saved.at },
      excludedAgentIds: [],
    };
    expect(outcome).toEqual({ kind: "created", record: expected });
    expect(found).toEqual(expected);
  });

  it("keeps the unverified mark of an agent the directory could not check, and clears it once verified", async () => {
    // Prepare
    const callerKey = freshCaller();
    await store.save(assignment({ callerKey, contactId: "c-1", at: 1_000, agentUnverified: true }));
    const marked = await rawItem(callerKey);

    // Act
    await store.save(assignment({ callerKey, contactId: "c-1", at: 2_000 }));

    // Assess
    expect(marked).toMatchObject({ agentUnverified: { BOOL: true } });
    expect(await store.find(callerKey)).not.toHaveProperty("agentUnverified");
    expect(await rawItem(callerKey)).not.toHaveProperty("agentUnverified");
  });

  it("keeps the unverified mark per agent in a version-2 item, and for the previous release at the top", async () => {
    // Prepare
    const callerKey = freshCaller();
    await store.save(assignment({ callerKey, agentId: "agent-1", contactId: "c-1", at: 1_000 }));

    // Act
    await store.save(
      assignment({
        callerKey,
        agentId: "agent-2",
        contactId: "c-2",
        at: 2_000,
        agentUnverified: true,
      }),
    );

    // Assess
    const item = await rawItem(callerKey);
    expect(item).toMatchObject({
      v: { N: "2" },
      agentId: { S: "agent-2" },
      agentUnverified: { BOOL: true },
      "a:agent-2": { M: { u: { BOOL: true } } },
    });
    expect(item?.["a:agent-1"]?.M).not.toHaveProperty("u");
    const found = await store.find(callerKey);
    expect(found?.agents.map((agent) => [agent.agentId, agent.agentUnverified])).toEqual([
      ["agent-2", true],
      ["agent-1", undefined],
    ]);
  });

  it("reads a version-1 item's unverified mark as an unverified agent", async () => {
    // Prepare
    const callerKey = freshCaller();
    await local.client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          callerKey: { S: callerKey },
          agentId: { S: "agent-1" },
          agentArn: { S: "arn:aws:connect:eu-west-2:111122223333:instance/inst-1/agent/agent-1" },
          lastContactAt: { N: "1000" },
          lastContactId: { S: "c-1" },
          contactCount: { N: "1" },
          expiresAt: { N: "1707776000" },
          agentUnverified: { BOOL: true },
        },
      }),
    );

    // Act
    const found = await store.find(callerKey);

    // Assess
    expect(found).toMatchObject({
      version: 1,
      agents: [{ agentId: "agent-1", agentUnverified: true }],
    });
  });

  it("takes the invocation's signal on every call: an aborted one reads and writes nothing", async () => {
    // Prepare
    const callerKey = freshCaller();
    const signal = AbortSignal.abort(new Error("budget spent"));
    const aborted = { signal };
    const pin = { agentId: "agent-1", agentArn: "arn:x", pinnedAt: 1 };

    // Act
    const calls = [
      store.find(callerKey, aborted),
      store.findMany([callerKey, `${callerKey}#channel:VOICE`], aborted),
      store.save(assignment({ callerKey }), aborted),
      store.pin(callerKey, pin, aborted),
      store.unpin(callerKey, aborted),
      store.block(callerKey, ["agent-2"], aborted),
      store.unblock(callerKey, ["agent-2"], aborted),
      store.rememberContact("c-abort", [callerKey], 1_707_776_000, undefined, aborted),
      store.rememberedContact("c-abort", aborted),
      store.callerKeysOfContact("c-abort", aborted),
    ];

    // Assess
    for (const call of calls) await expect(call).rejects.toThrow();
    expect(await rawItem(callerKey)).toBeUndefined();
    expect(await store.callerKeysOfContact("c-abort")).toEqual([]);
  });

  it("reads the unverified mark back", async () => {
    // Prepare
    const callerKey = freshCaller();

    // Act
    await store.save(assignment({ callerKey, agentUnverified: true }));

    // Assess
    expect(await store.find(callerKey)).toMatchObject({ agents: [{ agentUnverified: true }] });
  });

  it("finds nothing for a caller who never called", async () => {
    // Act
    const found = await store.find(freshCaller());

    // Assess
    expect(found).toBeUndefined();
  });

  it("stores the expiry as epoch seconds in the table's TTL attribute", async () => {
    // Prepare
    const callerKey = freshCaller();

    // Act
    await store.save(assignment({ callerKey, expiresAt: 1_710_000_000 }));

    // Assess
    const item = await rawItem(callerKey);
    expect(affinityTableDefinition.ttlAttributeName).toBe("expiresAt");
    expect(item?.[affinityTableDefinition.ttlAttributeName]).toEqual({ N: "1710000000" });
  });

  it("moves the caller to the agent of a newer contact and counts it", async () => {
    // Prepare
    const callerKey = freshCaller();
    await store.save(assignment({ callerKey, agentId: "agent-1", contactId: "c-1", at: 1_000 }));

    // Act
    const outcome = await store.save(
      assignment({ callerKey, agentId: "agent-2", contactId: "c-2", at: 2_000 }),
    );

    // Assess
    expect(outcome.kind).toBe("updated");
    expect(await store.find(callerKey)).toMatchObject({
      agents: [
        { agentId: "agent-2", lastServedAt: 2_000, count: 1 },
        { agentId: "agent-1", lastServedAt: 1_000, count: 1 },
      ],
      lastContact: { contactId: "c-2", at: 2_000 },
      contactCount: 2,
    });
  });

  it("never lets an older contact overwrite a newer assignment", async () => {
    // Prepare
    const callerKey = freshCaller();
    await store.save(assignment({ callerKey, agentId: "agent-new", contactId: "c-2", at: 2_000 }));

    // Act
    const outcome = await store.save(
      assignment({ callerKey, agentId: "agent-old", contactId: "c-1", at: 1_000 }),
    );

    // Assess
    expect(outcome).toEqual({ kind: "superseded" });
    expect(await store.find(callerKey)).toMatchObject({
      agents: [{ agentId: "agent-new" }],
      contactCount: 1,
    });
  });

  it("counts the same contact recorded twice once, and keeps the later agent", async () => {
    // Prepare
    const callerKey = freshCaller();
    await store.save(assignment({ callerKey, agentId: "agent-1", contactId: "c-1", at: 1_000 }));

    // Act
    const again = await store.save(
      assignment({ callerKey, agentId: "agent-3", contactId: "c-1", at: 1_500 }),
    );

    // Assess
    expect(again.kind).toBe("updated");
    expect(await store.find(callerKey)).toMatchObject({
      agents: [
        { agentId: "agent-3", count: 1, lastServedAt: 1_500 },
        { agentId: "agent-1", count: 1, lastServedAt: 1_000 },
      ],
      lastContact: { contactId: "c-1", at: 1_500 },
      contactCount: 1,
    });
  });

  it("ends a race of concurrent saves with the newest contact's agent and one count per contact", async () => {
    // Prepare: 12 contacts, each sent twice, all at once and in a scrambled order.
    const callerKey = freshCaller();
    const contacts = Array.from({ length: 12 }, (_, index) =>
      assignment({
        callerKey,
        agentId: `agent-${index}`,
        contactId: `c-${index}`,
        at: 10_000 + index * 1_000,
      }),
    );
    const writes = [...contacts, ...contacts].sort(
      (left, right) => ((left.at * 7919) % 13) - ((right.at * 7919) % 13),
    );

    // Act
    const outcomes = await Promise.all(writes.map((write) => store.save(write)));

    // Assess
    const stored = await store.find(callerKey);
    const counted = new Set(
      outcomes.flatMap((outcome, index) =>
        outcome.kind === "superseded" ? [] : [writes[index]?.contactId],
      ),
    );
    expect(stored?.agents[0]?.agentId).toBe("agent-11");
    expect(stored?.lastContact?.contactId).toBe("c-11");
    // The history holds the most recent of the contacts stored in order (an older contact that
    // arrives after a newer one is dropped entirely), newest first, at most five.
    const storedInOrder = contacts
      .filter((contact) => counted.has(contact.contactId))
      .map((contact) => contact.agentId)
      .reverse()
      .slice(0, 5);
    expect(stored?.agents.map((agent) => agent.agentId)).toEqual(storedInOrder);
    // A contact counts once: on the write that first stored it; its repeat updates in place.
    expect(stored?.contactCount).toBe(counted.size);
    expect(outcomes.filter((outcome) => outcome.kind === "created")).toHaveLength(1);
  });

  it("treats a malformed item as no record, and replaces it on the next save", async () => {
    // Prepare
    const callerKey = freshCaller();
    await local.client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { callerKey: { S: callerKey }, agentId: { N: "42" }, lastContactAt: { S: "soon" } },
      }),
    );

    // Act
    const found = await store.find(callerKey);
    const outcome = await store.save(assignment({ callerKey, agentId: "agent-5", at: 3_000 }));

    // Assess
    expect(found).toBeUndefined();
    expect(outcome.kind).toBe("created");
    expect(await store.find(callerKey)).toMatchObject({
      agents: [{ agentId: "agent-5" }],
      contactCount: 1,
    });
  });

  it("rejects with the connection error when the table cannot be reached", async () => {
    // Prepare: a port that was free a moment ago, so nothing listens on it.
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const unreachable = new DynamoDbAffinityStore({
      client: localClient(`http://127.0.0.1:${closedPort}`, {
        requestTimeoutMs: 200,
        maxAttempts: 2,
      }),
      tableName,
    });

    // Act
    const attempt = unreachable.find(freshCaller());

    // Assess
    await expect(attempt).rejects.toThrow(/ECONNREFUSED/);
  });

  describe("as the contact index", () => {
    it("remembers a contact's caller in a contact# item with the TTL attribute", async () => {
      // Prepare
      const callerKey = freshCaller();

      // Act
      await store.rememberContact("ct-index-1", callerKey, 1_700_086_400);

      // Assess
      expect(await store.callerOfContact("ct-index-1")).toBe(callerKey);
      expect(await rawItem("contact#ct-index-1")).toEqual({
        callerKey: { S: "contact#ct-index-1" },
        contactCallerKey: { S: callerKey },
        [affinityTableDefinition.ttlAttributeName]: { N: "1700086400" },
      });
    });

    it("knows no caller for a contact it was never told about", async () => {
      // Act
      const found = await store.callerOfContact("ct-never-routed");

      // Assess
      expect(found).toBeUndefined();
    });

    it("keeps a caller's record and their contact's entry in separate items", async () => {
      // Prepare
      const callerKey = freshCaller();
      await store.save(assignment({ callerKey, agentId: "agent-3", contactId: "ct-index-2" }));

      // Act
      await store.rememberContact("ct-index-2", callerKey, 1_700_086_400);

      // Assess
      expect(await store.find(callerKey)).toMatchObject({
        agents: [{ agentId: "agent-3" }],
        lastContact: { contactId: "ct-index-2" },
        contactCount: 1,
      });
      expect(await store.callerOfContact("ct-index-2")).toBe(callerKey);
    });

    it("refuses caller keys in the index's key space, leaving the index item intact", async () => {
      // Prepare
      const callerKey = freshCaller();
      await store.rememberContact("ct-index-3", callerKey, 1_700_086_400);
      const before = await rawItem("contact#ct-index-3");

      // Act
      const save = store.save(assignment({ callerKey: "contact#ct-index-3" }));
      const find = store.find("contact#ct-index-3");

      // Assess
      await expect(save).rejects.toThrow(InvalidCallerKeyError);
      await expect(find).rejects.toThrow(InvalidCallerKeyError);
      expect(await rawItem("contact#ct-index-3")).toEqual(before);
    });

    it("ignores a malformed index item", async () => {
      // Prepare
      await local.client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: { callerKey: { S: "contact#ct-index-4" }, contactCallerKey: { N: "1" } },
        }),
      );

      // Act
      const found = await store.callerOfContact("ct-index-4");

      // Assess
      expect(found).toBeUndefined();
    });
  });
});
