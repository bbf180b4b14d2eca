/**
 * The Amazon Connect agent event stream, read into presence: pure functions, no AWS SDK. The
 * stream's consumer folds each Kinesis batch with them and writes the result with
 * `DynamoDbPresenceWriter` (`@connect-affinity/core/dynamodb`); a simulator can model the
 * stream with them too.
 *
 * @packageDocumentation
 */
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
export {
  type DirectoryFilter,
  type DirectoryPlacement,
  matchesDirectoryFilter,
} from "../domain/directory-filter.js";
