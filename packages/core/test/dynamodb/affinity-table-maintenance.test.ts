import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AffinityAssignment } from "../../src/domain/affinity-record.js";
import {
  type AffinityTableEntry,
  createAffinityTableInput,
  DynamoDbAffinityStore,
} from "../../src/dynamodb/index.js";
import { InvalidCallerKeyError } from "../../src/index.js";
import { type LocalDynamoDb, startLocalDynamoDb } from "../helpers/local-dynamodb.js";

let local: LocalDynamoDb;
let store: DynamoDbAffinityStore;
let tableName: string;
let tableSequence = 0;

beforeAll(async () => {
  local = await startLocalDynamoDb();
});

afterAll(async () => {
  await local.stop();
});

beforeEach(async () => {
  tableSequence += 1;
  tableName = `maintenance-${tableSequence}`;
  await local.createTable(createAffinityTableInput(tableName));
  store = new DynamoDbAffinityStore({ client: local.client, tableName, consistentRead: true });
});

function assignment(
  callerKey: string,
  agentId: string,
  contactId: string,
  at = 1_700_000_000_000,
): AffinityAssignment {
  return {
    callerKey,
    agentId,
    agentArn: `arn:aws:connect:eu-west-2:111122223333:instance/inst-1/agent/${agentId}`,
    contactId,
    at,
    expiresAt: 1_707_776_000,
  };
}

async function everything(): Promise<AffinityTableEntry[]> {
  const entries: AffinityTableEntry[] = [];
  for await (const entry of store.entries()) entries.push(entry);
  return entries;
}

describe("DynamoDbAffinityStore maintenance against dynalite", () => {
  it("keeps a returning caller's offer with the contact and reads it back", async () => {
    // Prepare
    const offer = { preferredAgentId: "agent-7", decidedAt: 1_700_000_000_123, decision: "busy" };

    // Act
    await store.rememberContact("c-1", "+819012345678", 1_700_086_400, {
      preferredAgentId: "agent-7",
      decidedAt: 1_700_000_000_123,
      decision: "busy",
    });
    await store.rememberContact("c-2", "+819012345678", 1_700_086_400);

    // Assess
    expect(await store.rememberedContact("c-1")).toEqual({ callerKey: "+819012345678", offer });
    expect(await store.rememberedContact("c-2")).toEqual({ callerKey: "+819012345678" });
    expect(await store.callerOfContact("c-1")).toBe("+819012345678");
  });

  it("reads a half-written offer as no offer, keeping the caller", async () => {
    // Prepare
    await local.client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          callerKey: { S: "contact#c-odd" },
          contactCallerKey: { S: "+819012345678" },
          preferredAgentId: { S: "agent-1" },
          decision: { S: "teleported" },
          decidedAt: { N: "1" },
        },
      }),
    );

    // Act
    const entry = await store.rememberedContact("c-odd");

    // Assess
    expect(entry).toEqual({ callerKey: "+819012345678" });
  });

  it("erases a caller's records under every key and the contact entries naming them", async () => {
    // Prepare
    await store.save(assignment("h1:current", "agent-1", "c-3"));
    await store.save(assignment("+819012345678", "agent-2", "c-1"));
    await store.save(assignment("h1:someone-else", "agent-1", "c-9"));
    await store.rememberContact("c-1", "+819012345678", 1_700_086_400);
    await store.rememberContact("c-3", "h1:current", 1_700_086_400);
    await store.rememberContact("c-9", "h1:someone-else", 1_700_086_400);

    // Act
    const erased = await store.eraseCaller(["h1:current", "+819012345678", "h1:never"]);

    // Assess
    expect([...erased.callerKeys].sort()).toEqual(["+819012345678", "h1:current"]);
    expect(erased.records.map((record) => record.agents[0]?.agentId)).toEqual([
      "agent-1",
      "agent-2",
    ]);
    expect([...erased.contactIds].sort()).toEqual(["c-1", "c-3"]);
    const left = await everything();
    expect(left).toHaveLength(2);
    expect(left).toContainEqual(
      expect.objectContaining({
        kind: "record",
        record: expect.objectContaining({ callerKey: "h1:someone-else" }),
      }),
    );
    expect(left).toContainEqual(expect.objectContaining({ kind: "contact", contactId: "c-9" }));
  });

  it("erases a customer's pin, exclusions, scoped records and multi-key contact entries", async () => {
    // Prepare
    const pinned = { agentId: "agent-9", agentArn: "arn:…/agent/agent-9", pinnedAt: 1 };
    await store.pin("h1:customer", pinned);
    await store.block("h1:customer", ["agent-4"]);
    await store.save(assignment("h1:customer#queue:q-1", "agent-1", "c-1"));
    await store.save(assignment("h1:customer#channel:CHAT", "agent-2", "c-2"));
    await store.save(assignment("h1:customerX", "agent-3", "c-3"));
    await store.rememberContact(
      "c-1",
      ["h1:email#queue:q-1", "h1:customer#queue:q-1"],
      1_700_086_400,
    );
    await store.rememberContact("c-3", "h1:customerX", 1_700_086_400);

    // Act
    const erased = await store.eraseCaller(["h1:customer"]);

    // Assess
    expect([...erased.callerKeys].sort()).toEqual([
      "h1:customer",
      "h1:customer#channel:CHAT",
      "h1:customer#queue:q-1",
    ]);
    expect(erased.records.find((record) => record.callerKey === "h1:customer")).toMatchObject({
      pin: { agentId: "agent-9" },
      excludedAgentIds: ["agent-4"],
    });
    expect(erased.contactIds).toEqual(["c-1"]);
    const left = await everything();
    expect(
      left.map((entry) => (entry.kind === "record" ? entry.record.callerKey : entry.kind)),
    ).toEqual(expect.arrayContaining(["h1:customerX", "contact"]));
    expect(left).toHaveLength(2);
  });

  it("finds a customer's records under each key and its scoped forms, and nobody else's", async () => {
    // Prepare
    await store.block("h1:customer", ["agent-4"]);
    await store.save(assignment("h1:customer#queue:q-1", "agent-1", "c-1"));
    await store.save(assignment("+819012345678", "agent-2", "c-2"));
    await store.save(assignment("h1:customerX", "agent-3", "c-3"));
    await store.rememberContact("c-1", "h1:customer#queue:q-1", 1_700_086_400);

    // Act
    const records = await store.customerRecords(["h1:customer", "+819012345678"]);

    // Assess
    expect(records.map((record) => record.callerKey).sort()).toEqual([
      "+819012345678",
      "h1:customer",
      "h1:customer#queue:q-1",
    ]);
  });

  it("says what erasing would remove, and removes nothing, on a dry run", async () => {
    // Prepare
    await store.save(assignment("h1:current", "agent-1", "c-3"));
    await store.rememberContact("c-3", "h1:current", 1_700_086_400);

    // Act
    const erased = await store.eraseCaller(["h1:current"], { dryRun: true });

    // Assess
    expect(erased).toMatchObject({ callerKeys: ["h1:current"], contactIds: ["c-3"] });
    expect(await everything()).toHaveLength(2);
  });

  it("refuses to erase a key of the contact index's key space", async () => {
    // Act, Assess
    expect(() => store.eraseCaller(["contact#c-1"])).toThrow(InvalidCallerKeyError);
  });

  it("removes an agent from histories, pins and exclusions, keeping the other agents", async () => {
    // Prepare
    await store.save(assignment("h1:served-twice", "earlier", "c-1", 1_000));
    await store.save(assignment("h1:served-twice", "leaver", "c-2", 2_000));
    await store.pin("h1:pinned", {
      agentId: "leaver",
      agentArn: "arn:…/agent/leaver",
      pinnedAt: 1,
    });
    await store.block("h1:pinned", ["other"]);
    await store.block("h1:blocking", ["leaver"]);
    await store.save(assignment("h1:untouched", "other", "c-3"));

    // Act
    const dry = await store.removeAgent("leaver", { dryRun: true });
    const removed = await store.removeAgent("leaver");

    // Assess
    expect(dry).toMatchObject({ removed: 3, unpinned: 1, unblocked: 1, reassigned: 0 });
    expect(removed).toMatchObject({ removed: 3, unpinned: 1, unblocked: 1, reassigned: 0 });
    const servedTwice = await store.find("h1:served-twice");
    expect(servedTwice?.agents.map((agent) => agent.agentId)).toEqual(["earlier"]);
    const pinned = await store.find("h1:pinned");
    expect(pinned?.pin).toBeUndefined();
    expect(pinned?.excludedAgentIds).toEqual(["other"]);
    // Nothing left to keep: the record is gone.
    expect(await store.find("h1:blocking")).toBeUndefined();
    expect((await store.find("h1:untouched"))?.agents[0]?.agentId).toBe("other");
  });

  it("removes an agent from every caller's affinity, and reports progress", async () => {
    // Prepare
    for (let index = 0; index < 12; index += 1) {
      await store.save(
        assignment(`h1:caller-${index}`, index % 3 === 0 ? "leaver" : "stayer", `c-${index}`),
      );
    }
    await store.rememberContact("c-0", "h1:caller-0", 1_700_086_400, {
      preferredAgentId: "leaver",
      decidedAt: 1,
      decision: "offered",
    });
    const progress: { scanned: number; removed: number }[] = [];

    // Act
    const dry = await store.removeAgent("leaver", { dryRun: true });
    const removed = await store.removeAgent("leaver", {
      onProgress: (step) => progress.push(step),
    });

    // Assess
    expect(dry).toEqual({ scanned: 13, removed: 4, unpinned: 0, unblocked: 0, reassigned: 0 });
    expect(removed).toEqual({ scanned: 13, removed: 4, unpinned: 0, unblocked: 0, reassigned: 0 });
    expect(progress.at(-1)).toEqual({ scanned: 13, removed: 4 });
    const agents = (await everything()).flatMap((entry) =>
      entry.kind === "record" ? entry.record.agents.map((agent) => agent.agentId) : [],
    );
    expect(agents).toHaveLength(8);
    expect(agents.every((agent) => agent === "stayer")).toBe(true);
  });

  it("moves a record to a new key, merging it into one already there", async () => {
    // Prepare
    await store.save(assignment("+819012345678", "agent-1", "c-1", 1_000));
    await store.save(assignment("+819011112222", "agent-1", "c-2", 1_000));
    await store.save(assignment("h1:new-2", "agent-3", "c-5", 5_000));

    // Act
    const dry = await store.rekeyRecord("+819012345678", "h1:new-1", { dryRun: true });
    const moved = await store.rekeyRecord("+819012345678", "h1:new-1");
    await store.pin("+819011112222", {
      agentId: "agent-9",
      agentArn: "arn:…/agent/agent-9",
      pinnedAt: 7,
    });
    await store.block("+819011112222", ["agent-4"]);
    const kept = await store.rekeyRecord("+819011112222", "h1:new-2");
    const again = await store.rekeyRecord("+819011112222", "h1:new-2");
    const absent = await store.rekeyRecord("+819000000000", "h1:new-3");

    // Assess
    expect([dry, moved, kept, again, absent]).toEqual([
      "moved",
      "moved",
      "merged",
      "absent",
      "absent",
    ]);
    expect(await store.find("+819012345678")).toBeUndefined();
    expect(await store.find("h1:new-1")).toMatchObject({
      agents: [expect.objectContaining({ agentId: "agent-1" })],
      lastContact: { contactId: "c-1", at: 1_000 },
      contactCount: 1,
    });
    // The newer contact stays the latest; the moved record's agent, pin and exclusion join it.
    expect(await store.find("h1:new-2")).toMatchObject({
      agents: [
        expect.objectContaining({ agentId: "agent-3" }),
        expect.objectContaining({ agentId: "agent-1" }),
      ],
      lastContact: { contactId: "c-5", at: 5_000 },
      pin: { agentId: "agent-9", pinnedAt: 7 },
      excludedAgentIds: ["agent-4"],
    });
    expect(await store.find("+819011112222")).toBeUndefined();
  });

  it("scans records, contact entries and unreadable items, and estimates the count", async () => {
    // Prepare
    await store.save(assignment("h1:a", "agent-1", "c-1"));
    await store.rememberContact("c-1", "h1:a", 1_700_086_400);
    await local.client.send(
      new PutItemCommand({ TableName: tableName, Item: { callerKey: { S: "h1:broken" } } }),
    );
    const pages: number[] = [];

    // Act
    const entries: AffinityTableEntry[] = [];
    for await (const entry of store.entries({ pageSize: 2, onPage: (n) => pages.push(n) })) {
      entries.push(entry);
    }
    // DynamoDB refreshes its count about every six hours (dynalite never): the store passes on
    // what DescribeTable says.
    const described = new DynamoDbAffinityStore({
      client: { send: async () => ({ Table: { ItemCount: 42 } }) } as never,
      tableName,
    });
    const count = await described.approximateItemCount();

    // Assess
    expect(entries.map((entry) => entry.kind).sort()).toEqual(["contact", "record", "unreadable"]);
    expect(entries).toContainEqual({
      kind: "contact",
      contactId: "c-1",
      callerKey: "h1:a",
      callerKeys: ["h1:a"],
      expiresAt: 1_700_086_400,
    });
    expect(pages.reduce((sum, n) => sum + n, 0)).toBe(3);
    expect(count).toBe(42);
  });
});
