export {
  type ResolvedSdkClientOptions,
  resolveSdkClientOptions,
  type SdkClientOptions,
  worstCaseCallMs,
} from "../aws/sdk-client-options.js";
export {
  type AgentEvent,
  type AgentEventParse,
  type AgentEventType,
  type AgentSnapshot,
  agentEventTypes,
  type ChannelSlots,
  parseAgentEvent,
} from "../domain/agent-event.js";
export {
  type AgentIdleSince,
  type AgentPresenceRules,
  type AgentPresenceState,
  reduceAgentEvent,
  reduceAgentEvents,
} from "../domain/agent-presence-state.js";
export { affinityTableDefinition, createAffinityTableInput } from "./affinity-table-definition.js";
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
  createPresenceTableInput,
  presenceTableDefinition,
  presenceWatermarkKey,
} from "./presence-table-definition.js";
