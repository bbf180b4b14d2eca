import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  resolveSdkClientOptions,
  type SdkClientOptions,
  sdkClientConfig,
} from "../aws/sdk-client-options.js";

/** DynamoDB attempts per call unless `maxAttempts` says otherwise. */
export const defaultDynamoDbMaxAttempts = 3;

/**
 * A DynamoDB client with explicit timeouts and bounded retries.
 *
 * With the defaults (1,000 ms per attempt, 3 attempts, back-off ≤ 50 + 100 ms) one call takes at
 * most 3,150 ms, far inside Connect's 8-second Lambda limit. The endpoint follows the SDK's own
 * configuration, so `AWS_ENDPOINT_URL_DYNAMODB` (or `AWS_ENDPOINT_URL`) points it at a local
 * DynamoDB. Create it once per container, outside the handler.
 *
 * @example
 * ```ts
 * import { createDynamoDbClient, DynamoDbAffinityStore } from "@connect-affinity/core/dynamodb";
 *
 * const client = createDynamoDbClient({ requestTimeoutMs: 800 });
 * const store = new DynamoDbAffinityStore({ client, tableName: process.env.TABLE_NAME ?? "" });
 * ```
 */
export function createDynamoDbClient(options: SdkClientOptions = {}): DynamoDBClient {
  return new DynamoDBClient(
    sdkClientConfig(resolveSdkClientOptions(options, defaultDynamoDbMaxAttempts)),
  );
}
