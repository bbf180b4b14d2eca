import type { AddressInfo } from "node:net";
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  ScanCommand,
} from "@aws-sdk/client-dynamodb";
import {
  createAffinityTableInput,
  createPresenceTableInput,
} from "@connect-affinity/core/dynamodb";
import dynalite from "dynalite";

/** An in-memory DynamoDB (dynalite) on a loopback port of its own. */
export interface LocalDynamoDb {
  readonly endpoint: string;
  /** A client of this DynamoDB, for tests that write tables directly. */
  readonly client: DynamoDBClient;
  /** A fresh, empty affinity table named `tableName`. */
  createAffinityTable(tableName: string): Promise<void>;
  /** A fresh, empty presence table (the agent-event-stream consumer's). */
  createPresenceTable(tableName: string): Promise<void>;
  deleteTable(tableName: string): Promise<void>;
  /** Every item of the table, in DynamoDB's JSON form. */
  scan(tableName: string): Promise<readonly Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function startLocalDynamoDb(): Promise<LocalDynamoDb> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: "ap-northeast-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  return {
    endpoint,
    client,
    async createAffinityTable(tableName) {
      await client.send(new CreateTableCommand(createAffinityTableInput(tableName)));
    },
    async createPresenceTable(tableName) {
      await client.send(new CreateTableCommand(createPresenceTableInput(tableName)));
    },
    async deleteTable(tableName) {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
    },
    async scan(tableName) {
      const output = await client.send(new ScanCommand({ TableName: tableName }));
      return output.Items ?? [];
    },
    async close() {
      client.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
