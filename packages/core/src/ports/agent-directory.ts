import type { AgentRoster } from "../domain/agent-roster.js";
import type { CallOptions } from "./call-options.js";

/**
 * Port: who the routable agents are.
 *
 * Adapters may serve a cached copy. When no copy at all can be had they reject with
 * `DirectoryUnavailableError`, and the router degrades (it still routes a returning caller to
 * the agent stored in the affinity record, unverified). `createAgentRoster` builds the answer
 * from a list of agents.
 */
export interface AgentDirectory {
  /** The current roster; `options.signal` (the time budget) should abort a refresh. */
  roster(options?: CallOptions): Promise<AgentRoster>;
}
