import type { Agent } from "../domain/agent.js";
import type { AgentRoster } from "../ports/agent-directory.js";

/**
 * A roster over `agents`, with lookup by user ID; the first occurrence of an ID wins, so a user
 * repeated across pages appears once.
 */
export function rosterOf(agents: readonly Agent[]): AgentRoster {
  const byId = new Map<string, Agent>();
  for (const agent of agents) {
    if (!byId.has(agent.id)) {
      byId.set(agent.id, agent);
    }
  }
  const unique: readonly Agent[] = Object.freeze([...byId.values()]);
  return { agents: unique, get: (agentId) => byId.get(agentId) };
}
