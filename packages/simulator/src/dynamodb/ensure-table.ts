import { setTimeout as sleep } from "node:timers/promises";
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
} from "@aws-sdk/client-dynamodb";

/** How long `ensureTable` waits for a new table to become ACTIVE: 50 polls of 20 ms. */
const maxPolls = 50;
const pollMs = 20;

/**
 * Creates the table on a local DynamoDB unless it exists, and waits until it is ACTIVE.
 * Uses dummy credentials: the embedded DynamoDB checks none.
 *
 * @example
 * ```ts
 * await ensureTable(dynamo.endpoint, { TableName: "affinity", KeySchema: [...], ... });
 * ```
 */
export async function ensureTable(endpoint: string, input: CreateTableCommandInput): Promise<void> {
  const { AWS_REGION: region = "us-east-1" } = process.env;
  const client = new DynamoDBClient({
    endpoint,
    region,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  try {
    try {
      await client.send(new CreateTableCommand(input));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    for (let poll = 0; poll < maxPolls; poll++) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: input.TableName }));
      if (Table?.TableStatus === "ACTIVE") return;
      await sleep(pollMs);
    }
    throw new Error(`Table ${input.TableName} did not become ACTIVE`);
  } finally {
    client.destroy();
  }
}
