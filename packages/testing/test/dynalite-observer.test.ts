import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { startDynalite } from "../src/dynalite.js";
import type { DynaliteItem, DynaliteObserver, DynaliteTable } from "../src/dynalite-observer.js";

type Seen =
  | { kind: "written"; table: string; before?: DynaliteItem; after?: DynaliteItem }
  | { kind: "refused"; table: string; existing?: DynaliteItem }
  | { kind: "read"; table: string; item?: DynaliteItem; consistent: boolean }
  | { kind: "scanned"; table: string; index?: string; items: number };

function recorder(seen: Seen[]): DynaliteObserver {
  return {
    itemWritten: (table: DynaliteTable, before, after) =>
      seen.push({
        kind: "written",
        table: table.TableName,
        ...(before === undefined ? {} : { before }),
        ...(after === undefined ? {} : { after }),
      }),
    conditionFailed: (table, existing) =>
      seen.push({ kind: "refused", table, ...(existing === undefined ? {} : { existing }) }),
    itemRead: (table, item, consistent) =>
      seen.push({ kind: "read", table, ...(item === undefined ? {} : { item }), consistent }),
    itemsRead: (table, index, items) =>
      seen.push({
        kind: "scanned",
        table: table.TableName,
        ...(index === undefined ? {} : { index }),
        items: items.length,
      }),
  };
}

describe("startDynalite with an observer", () => {
  it("reports each server's writes, refused conditions and reads to that server's observer only", async () => {
    // Prepare: two observed servers side by side
    const seenA: Seen[] = [];
    const seenB: Seen[] = [];
    const a = await startDynalite({ observer: recorder(seenA) });
    const b = await startDynalite({ observer: recorder(seenB) });
    const clientOf = (endpoint: string) =>
      new DynamoDBClient({
        endpoint,
        region: "eu-west-2",
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
        maxAttempts: 1,
      });
    const ca = clientOf(a.endpoint);
    const cb = clientOf(b.endpoint);
    try {
      for (const client of [ca, cb]) {
        await client.send(
          new CreateTableCommand({
            TableName: "things",
            AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
            KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
            BillingMode: "PAY_PER_REQUEST",
          }),
        );
      }

      // Act
      await ca.send(
        new PutItemCommand({ TableName: "things", Item: { id: { S: "x" }, n: { N: "1" } } }),
      );
      await ca
        .send(
          new UpdateItemCommand({
            TableName: "things",
            Key: { id: { S: "x" } },
            UpdateExpression: "SET n = :two",
            ConditionExpression: "n = :three",
            ExpressionAttributeValues: { ":two": { N: "2" }, ":three": { N: "3" } },
          }),
        )
        .catch(() => undefined);
      await ca.send(
        new GetItemCommand({ TableName: "things", Key: { id: { S: "x" } }, ConsistentRead: true }),
      );
      await cb.send(
        new QueryCommand({
          TableName: "things",
          KeyConditionExpression: "id = :id",
          ExpressionAttributeValues: { ":id": { S: "nobody" } },
        }),
      );

      // Assess
      expect(seenA).toEqual([
        { kind: "written", table: "things", after: { id: { S: "x" }, n: { N: "1" } } },
        { kind: "refused", table: "things", existing: { id: { S: "x" }, n: { N: "1" } } },
        {
          kind: "read",
          table: "things",
          item: { id: { S: "x" }, n: { N: "1" } },
          consistent: true,
        },
      ]);
      expect(seenB).toEqual([{ kind: "scanned", table: "things", items: 0 }]);
    } finally {
      ca.destroy();
      cb.destroy();
      await a.stop();
      await b.stop();
    }
  });
});
