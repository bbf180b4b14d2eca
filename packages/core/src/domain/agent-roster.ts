import type { AgentRoster } from "../ports/agent-directory.js";
import type { Agent } from "./agent.js";

/**
 * A roster over a list of agents, with lookup by Connect user ID. An ID listed twice keeps its
 * first entry, so a directory that returns overlapping pages cannot offer an agent twice.
 *
 * @example
 * ```ts
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
