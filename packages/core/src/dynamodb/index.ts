export { affinityTableDefinition, createAffinityTableInput } from "./affinity-table-definition.js";
export { createDynamoDbClient, defaultDynamoDbMaxAttempts } from "./create-dynamodb-client.js";
export {
  DynamoDbAffinityStore,
  type DynamoDbAffinityStoreOptions,
} from "./dynamodb-affinity-store.js";
export {
  type ResolvedSdkClientOptions,
  resolveSdkClientOptions,
  type SdkClientOptions,
  worstCaseCallMs,
} from "./sdk-client-options.js";
