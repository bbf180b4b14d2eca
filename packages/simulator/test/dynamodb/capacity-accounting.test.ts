import {
  type AttributeValue,
  BatchGetItemCommand,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  type CreateTableCommandInput,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { startDynalite } from "@connect-affinity/testing/dynalite";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type EmbeddedDynamoDb,
  startEmbeddedDynamoDb,
} from "../../src/dynamodb/embedded-dynamodb.js";
import { ensureTable } from "../../src/dynamodb/ensure-table.js";
import { itemSize } from "../../src/dynamodb/item-size.js";

/**
 * Each of AWS's capacity rules against the embedded dynalite, through the SDK the handlers use
 * (sources in BENCH.md: "DynamoDB read and write operations", "DynamoDB item sizes and
 * formats", "Global secondary indexes: provisioned throughput considerations").
 */

type Item = Record<string, AttributeValue>;

const plain: CreateTableCommandInput = {
  TableName: "plain",
  AttributeDefinitions: [
    { AttributeName: "pk", AttributeType: "S" },
    { AttributeName: "sk", AttributeType: "S" },
  ],
  KeySchema: [
    { AttributeName: "pk", KeyType: "HASH" },
    { AttributeName: "sk", KeyType: "RANGE" },
  ],
  BillingMode: "PAY_PER_REQUEST",
};

/** A presence-like table with a sparse index of free agents, keys and one projected attribute. */
const indexed: CreateTableCommandInput = {
  TableName: "agents",
  AttributeDefinitions: [
    { AttributeName: "agentId", AttributeType: "S" },
    { AttributeName: "freeShard", AttributeType: "S" },
    { AttributeName: "idleSince", AttributeType: "N" },
  ],
  KeySchema: [{ AttributeName: "agentId", KeyType: "HASH" }],
  GlobalSecondaryIndexes: [
    {
      IndexName: "free",
      KeySchema: [
        { AttributeName: "freeShard", KeyType: "HASH" },
        { AttributeName: "idleSince", KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "INCLUDE", NonKeyAttributes: ["skill"] },
    },
  ],
  BillingMode: "PAY_PER_REQUEST",
};

let db: EmbeddedDynamoDb;
let client: DynamoDBClient;

beforeAll(async () => {
  db = await startEmbeddedDynamoDb();
  client = new DynamoDBClient({
    endpoint: db.endpoint,
    region: "ap-northeast-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  await ensureTable(db.endpoint, plain);
  await ensureTable(db.endpoint, indexed);
});

afterAll(async () => {
  client.destroy();
  await db.stop();
});

beforeEach(() => db.resetCounts());

/** An item of `plain` of exactly `bytes` bytes by AWS's count. */
function sized(pk: string, sk: string, bytes: number): Item {
  const base = { pk: { S: pk }, sk: { S: sk }, data: { S: "" } };
  const item = { ...base, data: { S: "x".repeat(bytes - itemSize(base)) } };
  expect(itemSize(item)).toBe(bytes);
  return item;
}

/** Units consumed by `act`. */
async function unitsOf(act: () => Promise<unknown>) {
  db.resetCounts();
  await act();
  return db.capacity();
}

const put = (item: Item, table = "plain") =>
  client.send(new PutItemCommand({ TableName: table, Item: item }));

describe("capacity accounting: item sizes", () => {
  it("counts names and values as AWS documents: UTF-8 strings, numbers by significant digits, lists and maps with overhead", () => {
    expect(itemSize({ pk: { S: "abc" } })).toBe(5);
    expect(itemSize({ name: { S: "東京" } })).toBe(4 + 6);
    // 1767225600000 (epoch ms): trailing zeros trimmed, 8 significant digits → 4 bytes + 1
    expect(itemSize({ at: { N: "1767225600000" } })).toBe(2 + 4 + 1);
    expect(itemSize({ at: { N: "1767225600001" } })).toBe(2 + 7 + 1);
    expect(itemSize({ ok: { BOOL: true }, none: { NULL: true } })).toBe(2 + 1 + 4 + 1);
    expect(itemSize({ raw: { B: Buffer.from("abcd").toString("base64") } })).toBe(3 + 4);
    // a list: 3 bytes, and per element 1 byte plus the element
    expect(itemSize({ l: { L: [{ S: "ab" }, { N: "5" }] } })).toBe(1 + 3 + (1 + 2) + (1 + 2));
    // a map: 3 bytes, and per entry 1 byte plus name and value
    expect(itemSize({ m: { M: { k: { S: "v" } } } })).toBe(1 + 3 + (1 + 1 + 1));
    expect(itemSize({ tags: { SS: ["a", "bc"] } })).toBe(4 + 3);
  });
});

describe("capacity accounting: writes", () => {
  it("a 1.5 KB put costs 2 write units; a 1 KB put costs 1", async () => {
    expect((await unitsOf(() => put(sized("a", "1", 1536)))).total).toEqual({
      readUnits: 0,
      writeUnits: 2,
    });
    expect((await unitsOf(() => put(sized("a", "2", 1024)))).total.writeUnits).toBe(1);
  });

  it("a put over a larger item costs the larger of the two", async () => {
    await put(sized("b", "1", 3000));
    expect((await unitsOf(() => put(sized("b", "1", 200)))).total.writeUnits).toBe(3);
  });

  it("an update costs the larger of the item before and after, however little it changes", async () => {
    await put(sized("c", "1", 2500));
    const units = await unitsOf(() =>
      client.send(
        new UpdateItemCommand({
          TableName: "plain",
          Key: { pk: { S: "c" }, sk: { S: "1" } },
          UpdateExpression: "SET n = :n",
          ExpressionAttributeValues: { ":n": { N: "1" } },
        }),
      ),
    );
    expect(units.total.writeUnits).toBe(3);
  });

  it("a delete costs the deleted item, and 1 when there was none", async () => {
    await put(sized("d", "1", 2100));
    const key = { pk: { S: "d" }, sk: { S: "1" } };
    expect(
      (await unitsOf(() => client.send(new DeleteItemCommand({ TableName: "plain", Key: key }))))
        .total.writeUnits,
    ).toBe(3);
    expect(
      (await unitsOf(() => client.send(new DeleteItemCommand({ TableName: "plain", Key: key }))))
        .total.writeUnits,
    ).toBe(1);
  });

  it("a refused conditional write still costs: the item as it stood, or 1 when there was none", async () => {
    await put(sized("e", "1", 1800));
    const refusedPut = (sk: string) =>
      client.send(
        new PutItemCommand({
          TableName: "plain",
          Item: sized("e", sk, 100),
          ConditionExpression: "attribute_exists(pk)",
        }),
      );
    const onExisting = await unitsOf(async () => {
      await expect(
        client.send(
          new UpdateItemCommand({
            TableName: "plain",
            Key: { pk: { S: "e" }, sk: { S: "1" } },
            UpdateExpression: "SET n = :n",
            ConditionExpression: "attribute_not_exists(pk)",
            ExpressionAttributeValues: { ":n": { N: "1" } },
          }),
        ),
      ).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    });
    const onMissing = await unitsOf(async () => {
      await expect(refusedPut("missing")).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    });
    expect(onExisting.total.writeUnits).toBe(2);
    expect(onExisting.failedConditionWriteUnits).toBe(2);
    expect(onMissing.total.writeUnits).toBe(1);
  });

  it("a BatchWriteItem rounds each item on its own: 500 B and 3.5 KB cost 1 + 4", async () => {
    const units = await unitsOf(() =>
      client.send(
        new BatchWriteItemCommand({
          RequestItems: {
            plain: [
              { PutRequest: { Item: sized("f", "1", 500) } },
              { PutRequest: { Item: sized("f", "2", 3584) } },
            ],
          },
        }),
      ),
    );
    expect(units.total.writeUnits).toBe(5);
  });
});

describe("capacity accounting: reads", () => {
  beforeAll(async () => {
    await put(sized("r", "5k", 5 * 1024));
    await put(sized("r", "1.5k", 1536));
    await put(sized("r", "6.5k", 6656));
  });

  it("an eventually consistent 5 KB get costs 1 read unit, a strongly consistent one 2", async () => {
    const get = (consistent: boolean) =>
      client.send(
        new GetItemCommand({
          TableName: "plain",
          Key: { pk: { S: "r" }, sk: { S: "5k" } },
          ConsistentRead: consistent,
        }),
      );
    expect((await unitsOf(() => get(false))).total).toEqual({ readUnits: 1, writeUnits: 0 });
    expect((await unitsOf(() => get(true))).total.readUnits).toBe(2);
  });

  it("a get of a missing item still costs half a unit, and a projection costs the whole item", async () => {
    const missing = await unitsOf(() =>
      client.send(
        new GetItemCommand({ TableName: "plain", Key: { pk: { S: "r" }, sk: { S: "none" } } }),
      ),
    );
    const projected = await unitsOf(async () => {
      const { Item } = await client.send(
        new GetItemCommand({
          TableName: "plain",
          Key: { pk: { S: "r" }, sk: { S: "5k" } },
          ProjectionExpression: "pk",
          ConsistentRead: true,
        }),
      );
      // The client still sees only what it asked for.
      expect(Item).toEqual({ pk: { S: "r" } });
    });
    expect(missing.total.readUnits).toBe(0.5);
    expect(projected.total.readUnits).toBe(2);
  });

  it("a BatchGetItem rounds each item to 4 KB first: 1.5 KB and 6.5 KB read as 12 KB", async () => {
    const units = await unitsOf(() =>
      client.send(
        new BatchGetItemCommand({
          RequestItems: {
            plain: {
              Keys: [
                { pk: { S: "r" }, sk: { S: "1.5k" } },
                { pk: { S: "r" }, sk: { S: "6.5k" } },
              ],
              ConsistentRead: true,
            },
          },
        }),
      ),
    );
    expect(units.total.readUnits).toBe(3);
  });

  it("a query costs the total size it evaluated, rounded once per request, whatever the filter returns", async () => {
    const query = (filter: boolean) =>
      client.send(
        new QueryCommand({
          TableName: "plain",
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": { S: "r" } },
          ...(filter ? { FilterExpression: "attribute_exists(nothing)" } : {}),
        }),
      );
    // 5 KB + 1.5 KB + 6.5 KB = 13 KB → 16 KB → 4 units, eventually consistent: 2
    expect((await unitsOf(() => query(false))).total.readUnits).toBe(2);
    const filtered = await unitsOf(async () => {
      const { Items } = await query(true);
      expect(Items).toEqual([]);
    });
    expect(filtered.total.readUnits).toBe(2);
    const empty = await unitsOf(() =>
      client.send(
        new QueryCommand({
          TableName: "plain",
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": { S: "nobody" } },
        }),
      ),
    );
    expect(empty.total.readUnits).toBe(0.5);
  });
});

describe("capacity accounting: global secondary indexes", () => {
  const agent = (id: string, extra: Item = {}): Item => ({
    agentId: { S: id },
    state: { S: "free" },
    ...extra,
  });
  const setFree = (id: string, shard: string, since: string) =>
    client.send(
      new UpdateItemCommand({
        TableName: "agents",
        Key: { agentId: { S: id } },
        UpdateExpression: "SET freeShard = :shard, idleSince = :since",
        ExpressionAttributeValues: { ":shard": { S: shard }, ":since": { N: since } },
      }),
    );

  it("a table write that puts an item into the index costs the index a write unit", async () => {
    const units = await unitsOf(() =>
      put(agent("a1", { freeShard: { S: "0" }, idleSince: { N: "100" } }), "agents"),
    );
    expect(units.byTarget).toEqual({
      agents: { readUnits: 0, writeUnits: 1 },
      "agents/free": { readUnits: 0, writeUnits: 1 },
    });
  });

  it("an item outside the index costs the index nothing, and neither does a change it does not project", async () => {
    await put(agent("a2"), "agents");
    const outside = await unitsOf(() =>
      client.send(
        new UpdateItemCommand({
          TableName: "agents",
          Key: { agentId: { S: "a2" } },
          UpdateExpression: "SET note = :n",
          ExpressionAttributeValues: { ":n": { S: "lunch" } },
        }),
      ),
    );
    await setFree("a2", "1", "200");
    const unprojected = await unitsOf(() =>
      client.send(
        new UpdateItemCommand({
          TableName: "agents",
          Key: { agentId: { S: "a2" } },
          UpdateExpression: "SET note = :n",
          ExpressionAttributeValues: { ":n": { S: "back" } },
        }),
      ),
    );
    expect(outside.byTarget["agents/free"]).toBeUndefined();
    expect(unprojected.byTarget["agents/free"]).toBeUndefined();
  });

  it("changing an index key costs two index writes, a projected attribute one, leaving the index one", async () => {
    await put(agent("a3", { freeShard: { S: "0" }, idleSince: { N: "300" } }), "agents");
    const keyChange = await unitsOf(() => setFree("a3", "0", "400"));
    const projected = await unitsOf(() =>
      client.send(
        new UpdateItemCommand({
          TableName: "agents",
          Key: { agentId: { S: "a3" } },
          UpdateExpression: "SET skill = :s",
          ExpressionAttributeValues: { ":s": { S: "billing" } },
        }),
      ),
    );
    const leaving = await unitsOf(() =>
      client.send(
        new UpdateItemCommand({
          TableName: "agents",
          Key: { agentId: { S: "a3" } },
          UpdateExpression: "REMOVE freeShard, idleSince",
        }),
      ),
    );
    expect(keyChange.byTarget["agents/free"]).toEqual({ readUnits: 0, writeUnits: 2 });
    expect(projected.byTarget["agents/free"]).toEqual({ readUnits: 0, writeUnits: 1 });
    expect(leaving.byTarget["agents/free"]).toEqual({ readUnits: 0, writeUnits: 1 });
    expect(leaving.total.writeUnits).toBe(2);
  });

  it("a query on the index reads the index's entries and costs the index", async () => {
    await put(agent("q1", { freeShard: { S: "q" }, idleSince: { N: "1" } }), "agents");
    await put(agent("q2", { freeShard: { S: "q" }, idleSince: { N: "2" } }), "agents");
    const units = await unitsOf(async () => {
      const { Items } = await client.send(
        new QueryCommand({
          TableName: "agents",
          IndexName: "free",
          KeyConditionExpression: "freeShard = :s",
          ExpressionAttributeValues: { ":s": { S: "q" } },
          Limit: 1,
        }),
      );
      expect(Items?.map((item) => item["agentId"]?.S)).toEqual(["q1"]);
    });
    expect(units.byTarget).toEqual({ "agents/free": { readUnits: 0.5, writeUnits: 0 } });
  });
});

describe("capacity accounting: what the clients see", () => {
  it("answers exactly as a dynalite that nobody observes", async () => {
    // Prepare: the same table and items in an unobserved dynalite
    const bare = await startDynalite();
    const bareClient = new DynamoDBClient({
      endpoint: bare.endpoint,
      region: "ap-northeast-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
      maxAttempts: 1,
    });
    try {
      await ensureTable(bare.endpoint, plain);
      const items = [sized("s", "1", 300), sized("s", "2", 900), sized("s", "3", 50)];
      for (const item of items) {
        await put(item);
        await bareClient.send(new PutItemCommand({ TableName: "plain", Item: item }));
      }
      const query = new QueryCommand({
        TableName: "plain",
        KeyConditionExpression: "pk = :pk",
        FilterExpression: "size(#data) < :short",
        ProjectionExpression: "sk",
        ExpressionAttributeNames: { "#data": "data" },
        ExpressionAttributeValues: { ":pk": { S: "s" }, ":short": { N: "500" } },
        Limit: 2,
      });
      // Act
      const observed = await client.send(query);
      const unobserved = await bareClient.send(query);
      // Assess
      const { $metadata: _a, ...seen } = observed;
      const { $metadata: _b, ...expected } = unobserved;
      expect(seen).toEqual(expected);
      expect(seen.Items).toEqual([{ sk: { S: "1" } }]);
    } finally {
      bareClient.destroy();
      await bare.stop();
    }
  });
});
