import type { Channel } from "@connect-affinity/core";

/** One agent as the interpreter names and routes to them. */
export interface FloorAgent {
  /** Connect user ID. */
  readonly id: string;
  /** `arn:aws:connect:REGION:ACCOUNT:instance/INSTANCE/agent/ID`. */
  readonly arn: string;
  readonly username: string;
}

/** A contact handed to an agent. */
export interface FloorAssignment {
  readonly contactId: string;
  readonly channel: Channel;
  /** Talk time. */
  readonly durationMs: number;
  /** After-contact work once the call ends (default none). */
  readonly afterContactWorkMs?: number;
}

/** What the interpreter asks the agent floor when one contact of the flow needs to know. */
export interface AgentFloorPort {
  /** Every agent of the instance, in a stable order. */
  agents(): readonly FloorAgent[];
  /** The agent with this user ID or agent ARN. */
  find(idOrArn: string): FloorAgent | undefined;
  /** The agents who could take a new contact on `channel` now, in any order. */
  availableAgents(channel: Channel): readonly FloorAgent[];
  /** Whether the agent could take a new contact on `channel` now (routable status, a free slot). */
  isAvailable(agentId: string, channel: Channel): boolean;
  /**
   * Whether the agent counts as staffed, as Connect's Check staffing defines it: Available, on a
   * contact or in after-contact work. An agent in a custom status (a break) with no contact is
   * online but not staffed.
   */
  isStaffed(agentId: string): boolean;
  /** Whether the agent is logged in, in any status but offline ("online" agents). */
  isOnline(agentId: string): boolean;
  /**
   * Gives the contact to the agent, who stays busy on that channel for `durationMs` (and
   * `afterContactWorkMs` after). Answers false when the agent cannot take it now.
   */
  assign(agentId: string, contact: FloorAssignment): boolean;
}
