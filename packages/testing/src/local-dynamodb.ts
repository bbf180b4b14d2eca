import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DynamoDBClient,
  ScanCommand,
} from "@aws-sdk/client-dynamodb";
import { startDynalite } from "./dynalite.js";

/** Options of {@link startLocalDynamoDb}. */
export interface LocalDynamoDbOptions {
  /**
   * Makes the client the tests use, for a package that wants its own client factory under
   * test; by default a plain `DynamoDBClient` with dummy credentials.
   */
  readonly client?: (endpoint: string) => DynamoDBClient;
}

/** An in-memory DynamoDB (dynalite) on a loopback port of its own, and a client of it. */
export interface LocalDynamoDb {
  readonly endpoint: string;
  /** A client of this DynamoDB, for tests that read and write tables directly. */
  readonly client: DynamoDBClient;
  /** Creates a table; it is ACTIVE when this resolves. */
  createTable(input: CreateTableCommandInput): Promise<void>;
  deleteTable(tableName: string): Promise<void>;
  /** Every item of the table, in DynamoDB's JSON form. */
  scan(tableName: string): Promise<readonly Record<string, unknown>[]>;
  /** Stops the client and the server. */
  stop(): Promise<void>;
}

/**
 * Starts dynalite on 127.0.0.1 and a client pointed at it, so a test needs no AWS configuration.
 *
 * @example
 * ```ts
 * import { startLocalDynamoDb } from "@connect-affinity/testing";
 *
 * const local = await startLocalDynamoDb();
 * await local.createTable(createAffinityTableInput("affinity-test"));
 * // … the test …
 * await local.stop();
 * ```
 */
export async function startLocalDynamoDb(
  options: LocalDynamoDbOptions = {},
): Promise<LocalDynamoDb> {
  const server = await startDynalite();
  const { endpoint } = server;
  const client = (options.client ?? plainClient)(endpoint);
  return {
    endpoint,
    client,
    async createTable(input) {
      await client.send(new CreateTableCommand(input));
    },
    async deleteTable(tableName) {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
    },
    async scan(tableName) {
      const output = await client.send(new ScanCommand({ TableName: tableName }));
      return output.Items ?? [];
    },
    async stop() {
      client.destroy();
      await server.stop();
    },
  };
}

function plainClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
}
