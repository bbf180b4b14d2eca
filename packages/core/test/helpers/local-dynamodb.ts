import { type LocalDynamoDb, startLocalDynamoDb as startDynamoDb } from "@connect-affinity/testing";
import { createDynamoDbClient } from "../../src/dynamodb/create-dynamodb-client.js";

export type { LocalDynamoDb };

/**
 * A local DynamoDB (dynalite on loopback, in memory) whose client is made by core's own
 * `createDynamoDbClient`, so the adapters' tests run on the client users get. Its timeouts are
 * generous: dynalite answers in this test process, which a loaded CI machine running every
 * package's tests under coverage can slow past the product's one-second budget; the timeouts
 * themselves are tested with their own clients (`create-dynamodb-client.test.ts`).
 */
export function startLocalDynamoDb(): Promise<LocalDynamoDb> {
  return startDynamoDb({
    client: (endpoint) =>
      localClient(endpoint, { requestTimeoutMs: 10_000, connectionTimeoutMs: 5_000 }),
  });
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
