import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from "@aws-sdk/client-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import {
  type EmbeddedDynamoDb,
  startEmbeddedDynamoDb,
} from "../../src/dynamodb/embedded-dynamodb.js";
import { ensureTable } from "../../src/dynamodb/ensure-table.js";

const table = {
  TableName: "affinity",
  AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" as const }],
  KeySchema: [{ AttributeName: "pk", KeyType: "HASH" as const }],
  BillingMode: "PAY_PER_REQUEST" as const,
};

const started: EmbeddedDynamoDb[] = [];
const clients: DynamoDBClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(started.splice(0).map((db) => db.stop()));
});

async function start(options?: {
  path: string;
}): Promise<{ db: EmbeddedDynamoDb; client: DynamoDBClient }> {
  const db = await startEmbeddedDynamoDb(options);
  started.push(db);
  const client = new DynamoDBClient({
    endpoint: db.endpoint,
    region: "eu-west-2",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  clients.push(client);
  return { db, client };
}

describe("startEmbeddedDynamoDb", () => {
  it("creates a table once and serves reads and writes through the SDK", async () => {
    // Prepare
    const { db, client } = await start();

    // Act
    await ensureTable(db.endpoint, table);
    await ensureTable(db.endpoint, table);
    await client.send(
      new PutItemCommand({
        TableName: "affinity",
        Item: { pk: { S: "caller-1" }, agent: { S: "u-1" } },
      }),
    );
    const read = await client.send(
      new GetItemCommand({ TableName: "affinity", Key: { pk: { S: "caller-1" } } }),
    );

    // Assess
    expect(read.Item).toMatchObject({ agent: { S: "u-1" } });
    expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual(["affinity"]);
  });

  it("counts requests by operation and resets the counts", async () => {
    // Prepare
    const { db, client } = await start();
    await ensureTable(db.endpoint, table);
    db.resetCounts();

    // Act
    await client.send(new PutItemCommand({ TableName: "affinity", Item: { pk: { S: "a" } } }));
    await client.send(new PutItemCommand({ TableName: "affinity", Item: { pk: { S: "b" } } }));
    await client.send(new GetItemCommand({ TableName: "affinity", Key: { pk: { S: "a" } } }));

    // Assess
    expect(db.requestCount()).toEqual({ PutItem: 2, GetItem: 1 });
  });

  it("fails requests like an unreachable service while unavailable, then recovers", async () => {
    // Prepare
    const { db, client } = await start();
    await ensureTable(db.endpoint, table);
    const get = () =>
      client.send(new GetItemCommand({ TableName: "affinity", Key: { pk: { S: "a" } } }));

    // Act
    db.setAvailable(false);
    const down = await get().catch((error: unknown) => error);
    db.setAvailable(true);
    const up = await get();

    // Assess
    expect(down).toBeInstanceOf(Error);
    expect(
      (down as Error & { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode,
    ).toBeUndefined();
    expect(up.$metadata.httpStatusCode).toBe(200);
    expect(db.refusedCount()).toBe(1);
  });

  it("serves an SDK client configured only through AWS_ENDPOINT_URL_DYNAMODB", async () => {
    // Prepare
    const { db } = await start();
    await ensureTable(db.endpoint, table);
    const names = [
      "AWS_ENDPOINT_URL_DYNAMODB",
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_REGION",
    ];
    const saved = names.map((name) => [name, process.env[name]] as const);
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      AWS_REGION: "eu-west-2",
    });
    try {
      const client = new DynamoDBClient({});
      clients.push(client);

      // Act
      const output = await client.send(new ListTablesCommand({}));

      // Assess
      expect(output.TableNames).toEqual(["affinity"]);
    } finally {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it("keeps data on disk across restarts when given a path", async () => {
    // Prepare
    const path = await mkdtemp(join(tmpdir(), "embedded-dynamodb-"));
    try {
      const first = await start({ path });
      await ensureTable(first.db.endpoint, table);
      await first.client.send(
        new PutItemCommand({ TableName: "affinity", Item: { pk: { S: "kept" } } }),
      );
      await first.db.stop();

      // Act
      const second = await start({ path });
      const read = await second.client.send(
        new GetItemCommand({ TableName: "affinity", Key: { pk: { S: "kept" } } }),
      );

      // Assess
      expect(read.Item).toMatchObject({ pk: { S: "kept" } });
    } finally {
      await Promise.all(started.splice(0).map((db) => db.stop()));
      await rm(path, { recursive: true, force: true });
    }
  });
});
