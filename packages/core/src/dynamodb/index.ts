/**
 * The DynamoDB adapters: the affinity store (with the contact index, on one table); on the
 * presence table, the agent event stream's writer, the shared roster and index the routers read
 * (`DynamoDbAgentIndex`), the roster refresher's side (`DynamoDbSharedRoster`) and the older
 * window reader (`DynamoDbAgentPresence`); the tables' definitions and a helper that creates
 * them, and a client with bounded timeouts and retries.
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
  DynamoDbAgentIndex,
  type DynamoDbAgentIndexOptions,
  type DynamoDbAgentIndexStats,
} from "./dynamodb-agent-index.js";
export {
  DynamoDbAgentPresence,
  type DynamoDbAgentPresenceOptions,
  type DynamoDbPresenceStats,
} from "./dynamodb-agent-presence.js";
export {
  DynamoDbPresenceWriter,
  type DynamoDbPresenceWriterOptions,
  type PresenceWriteOutcome,
  type PresenceWriteSummary,
} from "./dynamodb-presence-writer.js";
export {
  DynamoDbSharedRoster,
  type DynamoDbSharedRosterOptions,
  type DynamoDbSharedRosterStats,
} from "./dynamodb-shared-roster.js";
export {
  type EnsuredTable,
  type EnsureTableOptions,
  ensureTable,
  type TableDefinition,
} from "./ensure-table.js";
export {
  agentIndexReservationAttributes,
  createPresenceTableInput,
  presenceReservationAttributes,
  presenceTableDefinition,
  presenceWatermarkKey,
} from "./presence-table-definition.js";
