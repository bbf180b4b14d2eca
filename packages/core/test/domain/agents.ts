import type { Agent } from "../../src/index.js";

/** Object mother: an agent with a Connect-shaped ARN. */
export function anAgent(id: string, overrides: Partial<Agent> = {}): Agent {
  return {
    id,
    arn: `arn:aws:connect:ap-northeast-1:123456789012:instance/inst-1/agent/${id}`,
    ...overrides,
  };
}

/** `count` agents named agent-00, agent-01, … */
export function someAgents(count: number, prefix = "agent"): Agent[] {
  return Array.from({ length: count }, (_, index) =>
    anAgent(`${prefix}-${String(index).padStart(2, "0")}`),
  );
}
