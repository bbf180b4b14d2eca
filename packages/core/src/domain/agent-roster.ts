import type { Agent } from "./agent.js";

/**
 * The routable agents, with lookup by Connect user ID: what an agent directory answers.
 */
export interface AgentRoster {
  /** Every routable agent, in the directory's own order. */
  readonly agents: readonly Agent[];
  /** The agent with this Connect user ID, if routable. */
  get(agentId: string): Agent | undefined;
}

/**
 * A roster over a list of agents, with lookup by Connect user ID. An ID listed twice keeps its
 * first entry, so a directory that returns overlapping pages cannot offer an agent twice.
 *
 * @example
 * ```ts
 * import { createAgentRoster } from "@connect-affinity/core";
 *
 * const roster = createAgentRoster([{ id: "a1", arn: "arn:…/agent/a1" }]);
 * roster.get("a1")?.arn; // "arn:…/agent/a1"
 * ```
 */
export function createAgentRoster(agents: readonly Agent[]): AgentRoster {
  const byId = new Map<string, Agent>();
  for (const agent of agents) {
    if (!byId.has(agent.id)) byId.set(agent.id, agent);
  }
  const unique: readonly Agent[] = Object.freeze([...byId.values()]);
  return {
    agents: unique,
    get: (agentId: string): Agent | undefined => byId.get(agentId),
  };
}
