/**
 * A Connect user who can be offered a contact.
 *
 * `arn` is the agent ARN (`arn:aws:connect:REGION:ACCOUNT:instance/INSTANCE/agent/USER_ID`),
 * which "Set working queue" and "Check staffing" accept as `AgentId`.
 */
export interface Agent {
  /** Connect user ID. */
  readonly id: string;
  /** Agent ARN. */
  readonly arn: string;
  /** Login name, for logs and the simulator's story; never used to route. */
  readonly username?: string;
  /**
   * `true` when the agent opted out of sticky routing (by routing profile, hierarchy group or
   * user tag, as the directory is configured): they still take new callers, but no customer is
   * sent to them as their agent and serving a customer gives them no affinity.
   */
  readonly optedOut?: boolean;
}

/** The channels Connect reports slots for in `GetCurrentUserData`. */
export const channels = ["VOICE", "CHAT", "TASK", "EMAIL"] as const;

/** A Connect channel. */
export type Channel = (typeof channels)[number];
