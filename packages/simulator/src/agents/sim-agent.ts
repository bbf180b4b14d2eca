/** The channels a simulated agent can take contacts on. */
export const simChannels = ["VOICE", "CHAT", "TASK", "EMAIL"] as const;

/** One channel of a simulated agent. */
export type SimChannel = (typeof simChannels)[number];

/** The status an agent chooses: "Available", "Offline", or a custom status such as "Break". */
export type AgentStatusName = "Available" | "Offline" | (string & {});

/** Connect's agent status types: only `ROUTABLE` takes contacts, `OFFLINE` is logged out. */
export type AgentStatusType = "ROUTABLE" | "CUSTOM" | "OFFLINE";

/** One status change in an agent's day. */
export interface ScheduledStatus {
  /** Milliseconds from the simulation start (`SimulatedClock.start`). */
  readonly at: number;
  readonly status: AgentStatusName;
}

/** An agent of the simulated instance, as a scenario describes it. */
export interface AgentSpec {
  readonly username: string;
  /** Connect user ID; default a UUID derived from the username. */
  readonly id?: string;
  /** Default: the instance's "Basic Routing Profile" (a derived ID). */
  readonly routingProfileId?: string;
  readonly hierarchyGroupId?: string;
  /** Concurrent contacts per channel; default `{ VOICE: 1 }` (no chat, tasks or email). */
  readonly slots?: Partial<Record<SimChannel, number>>;
  /** Status changes over the day; default "Available" from the start. */
  readonly schedule?: readonly ScheduledStatus[];
  /** The user's tags, as `SearchUsers` returns them. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A contact an agent holds. */
export interface SimContact {
  readonly contactId: string;
  readonly channel: SimChannel;
  /**
   * `connected`: the agent is talking to the customer; `after-contact-work`: the conversation
   * ended and the agent is wrapping up (the slot stays taken, the agent is not routable).
   */
  readonly state: "connected" | "after-contact-work";
  /** When the agent took it (epoch ms). */
  readonly startedAt: number;
  /** When the conversation ends (epoch ms); after-contact work follows until `endsAt`. */
  readonly talkEndsAt: number;
  /** When it ends and frees the slot (epoch ms). */
  readonly endsAt: number;
}

/** What a simulated agent is at one moment; a snapshot, not a live view. */
export interface SimAgent {
  readonly id: string;
  readonly username: string;
  /** User ARN: `arn:aws:connect:R:A:instance/I/user/ID`. */
  readonly arn: string;
  /** Agent ARN, as the agent event stream spells it: `…/agent/ID`. */
  readonly agentArn: string;
  readonly routingProfileId: string;
  readonly routingProfileArn: string;
  /** The one queue the routing profile serves (the simulator's simplification). */
  readonly queueId: string;
  readonly queueArn: string;
  readonly hierarchyGroupId: string | undefined;
  readonly hierarchyGroupArn: string | undefined;
  readonly tags: Readonly<Record<string, string>>;
  readonly status: {
    readonly name: AgentStatusName;
    readonly type: AgentStatusType;
    readonly arn: string;
    /** When this status began (epoch ms). */
    readonly since: number;
  };
  /** A status chosen while on a contact; it applies when the last contact ends. */
  readonly nextStatus: AgentStatusName | undefined;
  /** When `nextStatus` was chosen (epoch ms). */
  readonly nextStatusAt: number | undefined;
  readonly maxSlots: Readonly<Record<SimChannel, number>>;
  readonly availableSlots: Readonly<Record<SimChannel, number>>;
  readonly activeSlots: Readonly<Record<SimChannel, number>>;
  readonly contacts: readonly SimContact[];
}

/** The status type Connect gives a status name. */
export function statusTypeOf(name: AgentStatusName): AgentStatusType {
  if (name === "Available") return "ROUTABLE";
  if (name === "Offline") return "OFFLINE";
  return "CUSTOM";
}

/** Whether `value` names one of the simulator's channels. */
export function isSimChannel(value: unknown): value is SimChannel {
  return simChannels.some((channel) => channel === value);
}
