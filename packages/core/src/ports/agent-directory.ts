import type { Agent } from "../domain/agent.js";

/**
 * The routable agents, with lookup by Connect user ID.
 */
export interface AgentRoster {
  /** Every routable agent, in the directory's own order. */
  readonly agents: readonly Agent[];
  /** The agent with this Connect user ID, if routable. */
  get(agentId: string): Agent | undefined;
}

/**
 * Port: who the routable agents are.
 *
 * Adapters may serve a cached copy. When no copy at all can be had they reject with
 * `DirectoryUnavailableError`, and the router degrades (it still routes a returning caller to
 * the agent stored in the affinity record, unverified).
 */
export interface AgentDirectory {
  /** The current roster. */
  roster(): Promise<AgentRoster>;
}
