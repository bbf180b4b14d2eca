import type { Channel } from "@connect-affinity/core";
import type { AgentFloor } from "../agents/agent-floor.js";
import type {
  AgentFloorPort,
  FloorAgent,
  FloorAssignment,
} from "../interpreter/agent-floor-port.js";

/**
 * The emulator's `AgentFloor` as the interpreter sees it. Agents are named by their agent ARN
 * (`…/agent/ID`), the form a flow's `AgentId` and the contact events use; the floor accepts
 * user IDs, user ARNs and agent ARNs alike.
 */
export class FloorPortAdapter implements AgentFloorPort {
  readonly #floor: AgentFloor;
  readonly #agents: readonly FloorAgent[];
  readonly #byId: ReadonlyMap<string, FloorAgent>;

  constructor(floor: AgentFloor) {
    this.#floor = floor;
    // Names and IDs never change during a run; only states do.
    this.#agents = floor
      .list()
      .map((agent) => ({ id: agent.id, arn: agent.agentArn, username: agent.username }));
    this.#byId = new Map(this.#agents.map((agent) => [agent.id, agent]));
  }

  agents(): readonly FloorAgent[] {
    return this.#agents;
  }

  find(idOrArn: string): FloorAgent | undefined {
    const id = this.#floor.idOf(idOrArn);
    return id === undefined ? undefined : this.#byId.get(id);
  }

  availableAgents(channel: Channel): readonly FloorAgent[] {
    return this.#floor.availableIds(channel).flatMap((id) => {
      const agent = this.#byId.get(id);
      return agent === undefined ? [] : [agent];
    });
  }

  isAvailable(agentId: string, channel: Channel): boolean {
    return this.#floor.isAvailable(agentId, channel);
  }

  isStaffed(agentId: string): boolean {
    const agent = this.#floor.get(agentId);
    return agent !== undefined && (agent.status.type === "ROUTABLE" || agent.contacts.length > 0);
  }

  isOnline(agentId: string): boolean {
    const agent = this.#floor.get(agentId);
    return agent !== undefined && agent.status.type !== "OFFLINE";
  }

  assign(agentId: string, contact: FloorAssignment): boolean {
    return this.#floor.assign(agentId, contact);
  }
}
