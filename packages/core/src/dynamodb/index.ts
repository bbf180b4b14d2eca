/**
 * The DynamoDB adapters: the affinity store (with the contact index, on one table), presence
 * from the agent event stream's table (reader and writer), the tables' definitions and a
 * helper that creates them, and a client with bounded timeouts and retries.
 *
 * @packageDocumentation
 */
export {
  type ResolvedSdkClientOptions,
  resolveSdkClientOptions,
  type SdkClientOptions,
  worstCaseCallMs,
} from "../aws/sdk-client-options.js";
export { contactKeyPrefix } from "../domain/caller-identity.js";
export { affinityTableDefinition, createAffinityTableInput } from "./affinity-table-definition.js";
export type {
  AffinityTableEntry,
  DryRunOption,
  ErasedCaller,
  RekeyOutcome,
  RemoveAgentOptions,
  RemovedAgent,
  TableScanOptions,
} from "./affinity-table-maintenance.js";
export { createDynamoDbClient, defaultDynamoDbMaxAttempts } from "./create-dynamodb-client.js";
export {
  DynamoDbAffinityStore,
  type DynamoDbAffinityStoreOptions,
} from "./dynamodb-affinity-store.js";
export {
  DynamoDbAgentPresence,
  type DynamoDbAgentPresenceOptions,
  type DynamoDbPresenceStats,
} from "./dynamodb-agent-presence.js";
export {
  DynamoDbPresenceWriter,
  type DynamoDbPresenceWriterOptions,
  type PresenceWriteSummary,
} from "./dynamodb-presence-writer.js";
export {
  type EnsuredTable,
  type EnsureTableOptions,
  ensureTable,
  type TableDefinition,
} from "./ensure-table.js";
export {
  createPresenceTableInput,
  presenceReservationAttributes,
  presenceTableDefinition,
  presenceWatermarkKey,
} from "./presence-table-definition.js";
