import type { Channel } from "@connect-affinity/core";
import type { AgentFloorPort, FloorAgent } from "../../src/interpreter/agent-floor-port.js";

export const instanceArn =
  "arn:aws:connect:ap-northeast-1:123456789012:instance/11111111-2222-4333-8444-555555555555";

/** A hand-written agent floor: agents are available unless marked busy, on a break or offline. */
export class FakeFloor implements AgentFloorPort {
  readonly #agents: FloorAgent[];
  readonly busy = new Set<string>();
  /** Logged in, in a custom status such as a break, with no contact. */
  readonly onBreak = new Set<string>();
  readonly offline = new Set<string>();
  readonly assignments: { readonly agentId: string; readonly contactId: string }[] = [];
  /** When each agent's current contact ends. */
  readonly #busyUntil = new Map<string, number>();

  constructor(
    usernames: readonly string[],
    private readonly clock: { now(): number },
  ) {
    this.#agents = usernames.map((username) => ({
      id: `id-${username}`,
      arn: `${instanceArn}/agent/id-${username}`,
      username,
    }));
  }

  agents(): readonly FloorAgent[] {
    return this.#agents;
  }

  find(idOrArn: string): FloorAgent | undefined {
    return this.#agents.find((agent) => agent.id === idOrArn || agent.arn === idOrArn);
  }

  availableAgents(channel: Channel): readonly FloorAgent[] {
    return this.#agents.filter((agent) => this.isAvailable(agent.id, channel));
  }

  isAvailable(agentId: string, _channel: Channel): boolean {
    const until = this.#busyUntil.get(agentId) ?? Number.NEGATIVE_INFINITY;
    return (
      !this.busy.has(agentId) &&
      !this.onBreak.has(agentId) &&
      !this.offline.has(agentId) &&
      until <= this.clock.now()
    );
  }

  isStaffed(agentId: string): boolean {
    return !this.onBreak.has(agentId) && !this.offline.has(agentId);
  }

  isOnline(agentId: string): boolean {
    return !this.offline.has(agentId);
  }

  assign(
    agentId: string,
    contact: { readonly contactId: string; readonly durationMs: number },
  ): boolean {
    if (!this.isAvailable(agentId, "VOICE")) return false;
    this.#busyUntil.set(agentId, this.clock.now() + contact.durationMs);
    this.assignments.push({ agentId, contactId: contact.contactId });
    return true;
  }

  agent(username: string): FloorAgent {
    const agent = this.#agents.find((candidate) => candidate.username === username);
    if (agent === undefined) throw new RangeError(`no agent ${username}`);
    return agent;
  }
}
