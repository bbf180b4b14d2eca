import { type DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AffinityAssignment } from "../../src/domain/affinity-record.js";
import { createAffinityTableInput, DynamoDbAffinityStore } from "../../src/dynamodb/index.js";
import { type LocalDynamoDb, startLocalDynamoDb } from "../helpers/local-dynamodb.js";

const tableName = "affinity-preferences";
const arn = (id: string) => `arn:aws:connect:eu-west-2:111122223333:instance/i-1/agent/${id}`;
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

function freshKey(): string {
  sequence += 1;
  return `customer:pref-${sequence}`;
}

function contact(
  callerKey: string,
  agentId: string,
  contactId: string,
  at: number,
): AffinityAssignment {
  return { callerKey, agentId, agentArn: arn(agentId), contactId, at, expiresAt: 1_800_000_000 };
}

/** One attribute of the item under `callerKey`, as DynamoDB holds it. */
async function rawAttribute(callerKey: string, name: string) {
  return (await rawItem(callerKey))?.[name];
}

async function rawItem(callerKey: string) {
  const { Item } = await local.client.send(
    new GetItemCommand({ TableName: tableName, Key: { callerKey: { S: callerKey } } }),
  );
  return Item;
}

/** A store whose client writes down the name of every request it sends. */
function countingStore(): { store: DynamoDbAffinityStore; requests: string[] } {
  const requests: string[] = [];
  const client = {
    send: (command: { constructor: { name: string } }) => {
      requests.push(command.constructor.name.replace(/Command$/, ""));
      return local.client.send(command as never);
    },
  } as unknown as DynamoDBClient;
  return { store: new DynamoDbAffinityStore({ client, tableName }), requests };
}

describe("what an administrator sets for a customer (DynamoDB)", () => {
  it("pins a customer to an agent with an end date, and unpins them", async () => {
    // Prepare
    const key = freshKey();
    await store.save(contact(key, "sato", "c-1", 1_000));

    // Act
    const pinned = await store.pin(key, {
      agentId: "tanaka",
      agentArn: arn("tanaka"),
      pinnedAt: 2_000,
      until: 9_000_000,
    });
    const unpinned = await store.unpin(key);

    // Assess
    expect(pinned.pin).toEqual({
      agentId: "tanaka",
      agentArn: arn("tanaka"),
      pinnedAt: 2_000,
      until: 9_000_000,
    });
    expect(pinned.agents).toMatchObject([{ agentId: "sato" }]);
    expect(unpinned?.pin).toBeUndefined();
    expect(await store.find(key)).toMatchObject({ agents: [{ agentId: "sato" }] });
    expect((await store.find(key))?.pin).toBeUndefined();
  });

  it("blocks and unblocks agents for a customer who never called", async () => {
    // Prepare
    const key = freshKey();

    // Act
    const blocked = await store.block(key, ["kato", "ito", "kato"]);
    const partly = await store.unblock(key, ["ito"]);

    // Assess
    expect(blocked.excludedAgentIds).toEqual(["ito", "kato"]);
    expect(partly?.excludedAgentIds).toEqual(["kato"]);
    expect((await store.find(key))?.excludedAgentIds).toEqual(["kato"]);
  });

  it("keeps a record with a pin or an exclusion from the TTL sweep, and gives it back its expiry after", async () => {
    // Prepare
    const key = freshKey();
    await store.save(contact(key, "sato", "c-1", 1_000));

    // Act
    await store.block(key, ["kato"]);
    const held = await rawAttribute(key, "expiresAt");
    await store.unblock(key, ["kato"]);
    const released = await rawAttribute(key, "expiresAt");

    // Assess: year 2286 while held, the history's expiry once nothing is held.
    expect(held).toEqual({ N: "9999999999" });
    expect(released).toEqual({ N: "1800000000" });
    expect(await rawAttribute(key, "ttlHold")).toBeUndefined();
  });

  it("keeps the hold through later contacts", async () => {
    // Prepare
    const key = freshKey();
    await store.pin(key, { agentId: "tanaka", agentArn: arn("tanaka"), pinnedAt: 1 });

    // Act
    await store.save(contact(key, "sato", "c-1", 1_000));
    await store.save(contact(key, "sato", "c-2", 2_000));

    // Assess
    expect(await rawAttribute(key, "expiresAt")).toEqual({ N: "9999999999" });
    expect(await store.find(key)).toMatchObject({
      pin: { agentId: "tanaka" },
      agents: [{ agentId: "sato", count: 2 }],
      contactCount: 2,
    });
  });

  it("deletes a record that held only preferences once they are cleared", async () => {
    // Prepare
    const key = freshKey();
    await store.pin(key, { agentId: "tanaka", agentArn: arn("tanaka"), pinnedAt: 1 });

    // Act
    const left = await store.unpin(key);

    // Assess
    expect(left).toBeUndefined();
    expect(await rawItem(key)).toBeUndefined();
  });

  it(`refuses a twenty-first exclusion and leaves the record as it was`, async () => {
    // Prepare
    const key = freshKey();
    await store.block(
      key,
      Array.from({ length: 20 }, (_, index) => `agent-${index}`),
    );

    // Act
    const attempt = store.block(key, ["one-more"]);

    // Assess
    await expect(attempt).rejects.toThrow(RangeError);
    expect((await store.find(key))?.excludedAgentIds).toHaveLength(20);
  });

  it("keeps a pin set while contacts are being recorded (no lost update)", async () => {
    // Prepare
    const key = freshKey();
    await store.save(contact(key, "sato", "c-0", 1_000));

    // Act: ten contacts and a pin, all at once.
    await Promise.all([
      ...Array.from({ length: 10 }, (_, index) =>
        store.save(
          contact(key, index % 2 === 0 ? "sato" : "suzuki", `c-${index + 1}`, 2_000 + index),
        ),
      ),
      store.pin(key, { agentId: "tanaka", agentArn: arn("tanaka"), pinnedAt: 1_500 }),
      store.block(key, ["kato"]),
    ]);

    // Assess
    const record = await store.find(key);
    expect(record?.pin?.agentId).toBe("tanaka");
    expect(record?.excludedAgentIds).toEqual(["kato"]);
    expect(record?.lastContact?.contactId).toBe("c-10");
  });
});

describe("the agent history in the item", () => {
  it("credits a new contact of any agent with one write, and its repeat with two", async () => {
    // Prepare
    const key = freshKey();
    const { store: counted, requests } = countingStore();
    await counted.save(contact(key, "sato", "c-1", 1_000));
    requests.length = 0;

    // Act
    await counted.save(contact(key, "suzuki", "c-2", 2_000));
    const newContact = [...requests];
    requests.length = 0;
    await counted.save(contact(key, "suzuki", "c-2", 2_500));
    const repeat = [...requests];

    // Assess
    expect(newContact).toEqual(["UpdateItem"]);
    expect(repeat).toEqual(["UpdateItem", "UpdateItem"]);
  });

  it("keeps the five agents who served most recently, and prunes the item", async () => {
    // Prepare
    const key = freshKey();

    // Act
    for (const [index, agent] of ["a", "b", "c", "d", "e", "f", "g"].entries()) {
      await store.save(contact(key, agent, `c-${index}`, 1_000 + index));
    }

    // Assess
    expect((await store.find(key))?.agents.map((agent) => agent.agentId)).toEqual([
      "g",
      "f",
      "e",
      "d",
      "c",
    ]);
    const entries = Object.keys((await rawItem(key)) ?? {}).filter((name) => name.startsWith("a:"));
    expect(entries.sort()).toEqual(["a:c", "a:d", "a:e", "a:f", "a:g"]);
  });

  it("reads several customers' records in one request", async () => {
    // Prepare
    const [one, two, none] = [freshKey(), freshKey(), freshKey()];
    await store.save(contact(one, "sato", "c-1", 1_000));
    await store.save(contact(two, "suzuki", "c-2", 1_000));
    const { store: counted, requests } = countingStore();

    // Act
    const found = await counted.findMany([one, two, none, one]);

    // Assess
    expect(requests).toEqual(["BatchGetItem"]);
    expect([...found.keys()].sort()).toEqual([one, two].sort());
    expect(found.get(two)?.agents[0]?.agentId).toBe("suzuki");
  });

  it("ignores a version it does not know, rather than misreading it", async () => {
    // Prepare
    const key = freshKey();
    await local.client.send(
      new PutItemCommand({ TableName: tableName, Item: { callerKey: { S: key }, v: { N: "3" } } }),
    );

    // Act
    const found = await store.find(key);

    // Assess
    expect(found).toBeUndefined();
  });
});

describe("the contact index with several keys", () => {
  it("remembers every key of a customer, the first one where the previous release reads it", async () => {
    // Act
    await store.rememberContact("ct-multi", ["customer:C-1", "+819012345678"], 1_700_086_400);

    // Assess
    expect(await store.callerKeysOfContact("ct-multi")).toEqual(["customer:C-1", "+819012345678"]);
    expect(await store.callerOfContact("ct-multi")).toBe("customer:C-1");
    expect(await rawAttribute("contact#ct-multi", "contactCallerKey")).toEqual({
      S: "customer:C-1",
    });
  });
});
