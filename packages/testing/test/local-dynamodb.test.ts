import { DynamoDBClient, ListTablesCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { startLocalDynamoDb } from "../src/local-dynamodb.js";

const table = {
  TableName: "things",
  AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" as const }],
  KeySchema: [{ AttributeName: "id", KeyType: "HASH" as const }],
  BillingMode: "PAY_PER_REQUEST" as const,
};

describe("startLocalDynamoDb", () => {
  it("serves a table that is usable as soon as createTable resolves, and scans it back", async () => {
    // Prepare
    const local = await startLocalDynamoDb();

    try {
      // Act
      await local.createTable(table);
      await local.client.send(
        new PutItemCommand({ TableName: "things", Item: { id: { S: "a" }, n: { N: "1" } } }),
      );
      const items = await local.scan("things");
      await local.deleteTable("things");
      const left = await local.client.send(new ListTablesCommand({}));

      // Assess
      expect(local.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(items).toEqual([{ id: { S: "a" }, n: { N: "1" } }]);
      expect(left.TableNames).toEqual([]);
    } finally {
      await local.stop();
    }
  });

  it("uses the client the caller makes for the endpoint", async () => {
    // Prepare
    const endpoints: string[] = [];
    const local = await startLocalDynamoDb({
      client: (endpoint) => {
        endpoints.push(endpoint);
        return new DynamoDBClient({
          endpoint,
          region: "eu-west-2",
          credentials: { accessKeyId: "x", secretAccessKey: "x" },
        });
      },
    });

    try {
      // Act
      const region = await local.client.config.region();

      // Assess
      expect(endpoints).toEqual([local.endpoint]);
      expect(region).toBe("eu-west-2");
    } finally {
      await local.stop();
    }
  });

  it("refuses connections once stopped", async () => {
    // Prepare
    const local = await startLocalDynamoDb();
    const { endpoint } = local;

    // Act
    await local.stop();
    const reached = await fetch(endpoint).then(
      () => true,
      () => false,
    );

    // Assess
    expect(reached).toBe(false);
  });
});
