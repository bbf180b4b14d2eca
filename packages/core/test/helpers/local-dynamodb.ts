import type { AddressInfo } from "node:net";
import { CreateTableCommand, type CreateTableCommandInput } from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";
import { createDynamoDbClient } from "../../src/dynamodb/create-dynamodb-client.js";

/** A dynalite server on loopback, in memory, and a client pointed at it. */
export interface LocalDynamoDb {
  readonly endpoint: string;
  readonly client: ReturnType<typeof createDynamoDbClient>;
  /** Creates a table and resolves once it exists. */
  createTable(input: CreateTableCommandInput): Promise<void>;
  /** Stops the server and the client. */
  stop(): Promise<void>;
}

/**
 * Starts dynalite on 127.0.0.1, port 0 (an ephemeral port), with tables created instantly.
 * The client is made by `createDynamoDbClient` with an explicit endpoint and static dummy
 * credentials, so the test needs no AWS configuration.
 */
export async function startLocalDynamoDb(): Promise<LocalDynamoDb> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localClient(endpoint);
  return {
    endpoint,
    client,
    async createTable(input) {
      await client.send(new CreateTableCommand(input));
    },
    async stop() {
      client.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/**
 * A client made by `createDynamoDbClient`, aimed at `endpoint` the way users aim it: through the
 * SDK's own `AWS_ENDPOINT_URL_DYNAMODB` variable. Vitest runs each test file in its own process,
 * so the variable does not leak into other files.
 */
export function localClient(
  endpoint: string,
  options: Parameters<typeof createDynamoDbClient>[0] = {},
): ReturnType<typeof createDynamoDbClient> {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
  });
  return createDynamoDbClient({ region: "us-east-1", ...options });
}
