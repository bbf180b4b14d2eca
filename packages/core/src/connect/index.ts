/**
 * The Amazon Connect adapters: the agent directory (`ListUsers` / `SearchUsers`, cached per
 * container, for small centers), the directory a page at a time for the roster refresher,
 * presence from `GetCurrentUserData`, and a client with bounded timeouts and retries.
 *
 * @packageDocumentation
 */
export { type SdkClientOptions, worstCaseCallMs } from "../aws/sdk-client-options.js";
export {
  type AgentArnParts,
  isAgentId,
  parseAgentArn,
} from "../domain/connect-identifiers.js";
export type { DirectoryFilter } from "../domain/directory-filter.js";
export { agentArnOf } from "./agent-arn.js";
export {
  ConnectAgentDirectory,
  type ConnectAgentDirectoryOptions,
  type DirectoryObserver,
  type DirectoryStats,
  type SuspiciousDirectory,
} from "./connect-agent-directory.js";
export {
  ConnectAgentPresence,
  type ConnectAgentPresenceOptions,
  type PresenceStats,
} from "./connect-agent-presence.js";
export {
  ConnectDirectoryPages,
  type ConnectDirectoryPagesOptions,
  type DirectoryPagesStats,
} from "./connect-directory-pages.js";
export { type ConnectInstance, parseConnectInstance } from "./connect-instance.js";
export { createConnectClient, defaultConnectMaxAttempts } from "./create-connect-client.js";
export type { DirectoryOptOut } from "./directory-filter.js";
