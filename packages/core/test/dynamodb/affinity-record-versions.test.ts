import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAffinityTableInput, DynamoDbAffinityStore } from "../../src/dynamodb/index.js";
import { createAgentRoster, identityKey, StickyRouter } from "../../src/index.js";
import {
  InMemoryAgentDirectory,
  InMemoryAgentPresence,
  ManualClock,
  SeededRandom,
} from "../../src/testing/index.js";
import { type LocalDynamoDb, startLocalDynamoDb } from "../helpers/local-dynamodb.js";
import { parseAsVersion1, saveAsVersion1 } from "../helpers/version-1-items.js";

const tableName = "affinity-versions";
const instance = "arn:aws:connect:ap-northeast-1:111122223333:instance/i-1";
const arn = (id: string) => `${instance}/agent/${id}`;
const secret = "sixteen-plus-secret!";
const start = Date.UTC(2026, 10, 24, 9, 0, 0);
let local: LocalDynamoDb;
let store: DynamoDbAffinityStore;
let sequence = 0;

beforeAll(async () => {
  local = await startLocalDynamoDb();
  await local.createTable(createAffinityTableInput(tableName));
  store = new DynamoDbAffinityStore({ client: local.client, tableName, consistentRead: true });
});

afterAll(async () => {
  await local.stop();
});

function freshNumber(): string {
  sequence += 1;
  return `+8190555${String(sequence).padStart(4, "0")}`;
}

async function rawItem(callerKey: string) {
  const { Item } = await local.client.send(
    new GetItemCommand({ TableName: tableName, Key: { callerKey: { S: callerKey } } }),
  );
  return Item;
}

/** Fills the table as release 0.1.0 did: two contacts of one caller, the second to sato. */
async function filledByVersion1(callerKey: string): Promise<void> {
  for (const [contactId, agentId, at] of [
    ["old-1", "suzuki", start - 7_200_000],
    ["old-2", "sato", start - 3_600_000],
    ["old-2", "sato", start - 3_590_000], // the contact event after the flow's record
  ] as const) {
    await saveAsVersion1(local.client, tableName, {
      callerKey,
      agentId,
      agentArn: arn(agentId),
      contactId,
      at,
      expiresAt: Math.floor(at / 1000) + 86_400,
    });
  }
}

describe("records written by the previous release (item format 1)", () => {
  it("reads a version-1 item as a history of its one agent", async () => {
    // Prepare
    const callerKey = identityKey({ source: "phone", e164: freshNumber() }, secret);
    await filledByVersion1(callerKey);

    // Act
    const record = await store.find(callerKey);

    // Assess
    expect(record).toEqual({
      callerKey,
      version: 1,
      agents: [
        {
          agentId: "sato",
          agentArn: arn("sato"),
          lastServedAt: start - 3_590_000,
          count: 1,
          expiresAt: Math.floor((start - 3_600_000) / 1000) + 86_400 + 10,
        },
      ],
      contactCount: 2,
      lastContact: { contactId: "old-2", at: start - 3_590_000 },
      excludedAgentIds: [],
    });
  });

  it("routes the caller of a version-1 item to their agent, with this release's router", async () => {
    // Prepare
    const number = freshNumber();
    const callerKey = identityKey({ source: "phone", e164: number }, secret);
    await filledByVersion1(callerKey);
    const agents = ["sato", "suzuki", "takahashi"].map((id) => ({ id, arn: arn(id) }));
    const clock = new ManualClock(start);
    const presence = new InMemoryAgentPresence(clock);
    for (const agent of agents)
      presence.set(agent.id, { routable: true, availableSlots: { VOICE: 1 } });
    const router = new StickyRouter(
      {
        store,
        contacts: store,
        directory: new InMemoryAgentDirectory(agents),
        presence,
        clock,
        random: new SeededRandom(1),
      },
      { callerKeySecret: secret },
    );

    // Act
    const answer = await router.route({
      contactId: "new-1",
      channel: "VOICE",
      customerAddress: number,
    });

    // Assess
    expect(answer).toMatchObject({ status: "agent", agentId: "sato", reason: "returning-caller" });
    expect(createAgentRoster(agents).get("sato")).toBeDefined();
  });

  it("converts a version-1 item on its next save, keeping its agent in the history", async () => {
    // Prepare
    const callerKey = identityKey({ source: "phone", e164: freshNumber() }, secret);
    await filledByVersion1(callerKey);

    // Act
    const outcome = await store.save({
      callerKey,
      agentId: "takahashi",
      agentArn: arn("takahashi"),
      contactId: "new-1",
      at: start,
      expiresAt: start / 1000 + 86_400,
    });

    // Assess
    expect(outcome.kind).toBe("updated");
    expect(await store.find(callerKey)).toMatchObject({
      version: 2,
      agents: [
        { agentId: "takahashi", count: 1, lastServedAt: start },
        { agentId: "sato", count: 1 },
      ],
      contactCount: 3,
      lastContact: { contactId: "new-1", at: start },
    });
  });

  it("does not count a version-1 item's last contact twice when its event arrives after the upgrade", async () => {
    // Prepare: the previous release recorded old-2 from the flow; the contact event comes now.
    const callerKey = identityKey({ source: "phone", e164: freshNumber() }, secret);
    await filledByVersion1(callerKey);

    // Act
    const outcome = await store.save({
      callerKey,
      agentId: "sato",
      agentArn: arn("sato"),
      contactId: "old-2",
      at: start - 3_580_000,
      expiresAt: start / 1000,
    });

    // Assess
    expect(outcome.kind).toBe("updated");
    expect(await store.find(callerKey)).toMatchObject({
      contactCount: 2,
      agents: [{ agentId: "sato", count: 1, lastServedAt: start - 3_580_000 }],
    });
  });

  it("writes items the previous release still reads, so a rollback keeps routing", async () => {
    // Prepare
    const callerKey = identityKey({ source: "phone", e164: freshNumber() }, secret);
    for (const [contactId, agentId, at] of [
      ["c-1", "suzuki", start - 2000],
      ["c-2", "sato", start - 1000],
    ] as const) {
      await store.save({
        callerKey,
        agentId,
        agentArn: arn(agentId),
        contactId,
        at,
        expiresAt: 1_900_000_000,
      });
    }

    // Act
    const readByVersion1 = parseAsVersion1(await rawItem(callerKey));

    // Assess
    expect(readByVersion1).toEqual({
      callerKey,
      agentId: "sato",
      agentArn: arn("sato"),
      lastContactAt: start - 1000,
      lastContactId: "c-2",
      contactCount: 2,
      expiresAt: 1_900_000_000,
    });
  });

  it("lets the previous release keep writing on top of this release's items without losing them", async () => {
    // Prepare: this release wrote first; a rolled-back router records a newer contact.
    const callerKey = identityKey({ source: "phone", e164: freshNumber() }, secret);
    await store.save({
      callerKey,
      agentId: "suzuki",
      agentArn: arn("suzuki"),
      contactId: "c-1",
      at: start - 2000,
      expiresAt: 1_900_000_000,
    });

    // Act
    await saveAsVersion1(local.client, tableName, {
      callerKey,
      agentId: "sato",
      agentArn: arn("sato"),
      contactId: "c-2",
      at: start - 1000,
      expiresAt: 1_900_000_001,
    });
    const record = await store.find(callerKey);

    // Assess: the previous release wrote only the version-1 attributes; they are read as the
    // newest agent all the same.
    expect(record?.lastContact).toEqual({ contactId: "c-2", at: start - 1000 });
    expect(record?.contactCount).toBe(2);
    expect(record?.agents.map((agent) => [agent.agentId, agent.lastServedAt])).toEqual([
      ["sato", start - 1000],
      ["suzuki", start - 2000],
    ]);
  });
});
