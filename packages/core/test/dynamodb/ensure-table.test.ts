import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { ensureTable, presenceTableDefinition } from "../../src/dynamodb/index.js";

const client = new DynamoDBClient({
  region: "us-east-1",
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
});
const dynamoDb = mockClient(client);

afterEach(() => dynamoDb.reset());

describe("ensureTable", () => {
  it("creates the table from its definition, waits until it is ACTIVE, then turns TTL on", async () => {
    // Prepare
    dynamoDb.on(CreateTableCommand).resolves({});
    dynamoDb
      .on(DescribeTableCommand)
      .resolvesOnce({ Table: { TableStatus: "CREATING" } })
      .resolvesOnce({ Table: { TableStatus: "CREATING" } })
      .resolves({ Table: { TableStatus: "ACTIVE" } });
    dynamoDb
      .on(DescribeTimeToLiveCommand)
      .resolves({ TimeToLiveDescription: { TimeToLiveStatus: "DISABLED" } });
    dynamoDb.on(UpdateTimeToLiveCommand).resolves({});

    // Act
    const ensured = await ensureTable({
      client,
      tableName: "presence-dev",
      definition: presenceTableDefinition,
    });

    // Assess
    expect(ensured).toEqual({ tableName: "presence-dev", created: true, timeToLive: "enabled" });
    const created = dynamoDb.commandCalls(CreateTableCommand)[0]?.args[0].input;
    expect(created).toMatchObject({
      TableName: "presence-dev",
      KeySchema: [{ AttributeName: "agentId", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    });
    // The per-channel indexes of agents who can take a contact, with their key attributes.
    expect(created?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual([
      "available-VOICE",
      "available-CHAT",
      "available-TASK",
      "available-EMAIL",
    ]);
    expect(created?.GlobalSecondaryIndexes?.[0]).toEqual({
      IndexName: "available-VOICE",
      KeySchema: [
        { AttributeName: "availVOICE", KeyType: "HASH" },
        { AttributeName: "readySince", KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "INCLUDE", NonKeyAttributes: ["agentArn"] },
    });
    expect(created?.AttributeDefinitions).toContainEqual({
      AttributeName: "readySince",
      AttributeType: "N",
    });
    expect(dynamoDb.commandCalls(DescribeTableCommand)).toHaveLength(3);
    expect(dynamoDb.commandCalls(UpdateTimeToLiveCommand)[0]?.args[0].input).toEqual({
      TableName: "presence-dev",
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
    });
  });

  it("leaves an existing table with TTL already on untouched", async () => {
    // Prepare
    dynamoDb
      .on(CreateTableCommand)
      .rejects(new ResourceInUseException({ message: "Table already exists", $metadata: {} }));
    dynamoDb.on(DescribeTableCommand).resolves({ Table: { TableStatus: "ACTIVE" } });
    dynamoDb.on(DescribeTimeToLiveCommand).resolves({
      TimeToLiveDescription: { TimeToLiveStatus: "ENABLED", AttributeName: "expiresAt" },
    });

    // Act
    const ensured = await ensureTable({
      client,
      tableName: "presence-dev",
      definition: presenceTableDefinition,
    });

    // Assess
    expect(ensured).toEqual({ tableName: "presence-dev", created: false, timeToLive: "enabled" });
    expect(dynamoDb.commandCalls(UpdateTimeToLiveCommand)).toHaveLength(0);
  });

  it("refuses a table whose TTL is on another attribute", async () => {
    // Prepare
    dynamoDb.on(CreateTableCommand).resolves({});
    dynamoDb.on(DescribeTableCommand).resolves({ Table: { TableStatus: "ACTIVE" } });
    dynamoDb.on(DescribeTimeToLiveCommand).resolves({
      TimeToLiveDescription: { TimeToLiveStatus: "ENABLED", AttributeName: "ttl" },
    });

    // Act
    const ensuring = ensureTable({
      client,
      tableName: "presence-dev",
      definition: presenceTableDefinition,
    });

    // Assess
    await expect(ensuring).rejects.toThrow("has TTL on ttl, not expiresAt");
  });

  it("gives up when the table does not become ACTIVE in time", async () => {
    // Prepare
    dynamoDb.on(CreateTableCommand).resolves({});
    dynamoDb.on(DescribeTableCommand).resolves({ Table: { TableStatus: "CREATING" } });

    // Act
    const ensuring = ensureTable({
      client,
      tableName: "presence-dev",
      definition: presenceTableDefinition,
      timeoutMs: 200,
    });

    // Assess
    await expect(ensuring).rejects.toThrow("is CREATING, not ACTIVE, after 200 ms");
    expect(dynamoDb.commandCalls(DescribeTimeToLiveCommand)).toHaveLength(0);
  });
});
