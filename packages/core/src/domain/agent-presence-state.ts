import { type Channel, channels } from "./agent.js";
import type { AgentEvent, AgentEventType } from "./agent-event.js";

/**
 * One agent's presence as the agent event stream last described it: the item the consumer
 * Lambda keeps per agent and the route handler reads.
 */
export interface AgentPresenceState {
  /** Connect user ID. */
  readonly agentId: string;
  /** Agent ARN. */
  readonly agentArn: string;
  /** Routable status, no next status pending, logged in. */
  readonly routable: boolean;
  /** Free slots per channel; absent channel = no free slot. */
  readonly availableSlots: Readonly<Partial<Record<Channel, number>>>;
  /**
   * Since when the agent has been routable with no contact, when they are. `observed`: the
   * events showed the moment they became idle. `status-start`: inferred from their status start,
   * so an earlier record of the same idle period (kept by the presence table) is more accurate.
   */
  readonly idle?: AgentIdleSince;
  /** `AgentStatus.Name`, for logs. */
  readonly statusName?: string;
  /** The event this state comes from. */
  readonly eventType: AgentEventType;
  /** That event's `EventTimestamp` (epoch ms): orders writes and bounds freshness. */
  readonly eventAt: number;
}

/** When an agent became idle, and how that is known. */
export interface AgentIdleSince {
  /** Epoch ms. */
  readonly since: number;
  readonly basis: "observed" | "status-start";
}

/** How events are read into presence. */
export interface AgentPresenceRules {
  /**
   * Status names that take contacts, for events whose `AgentStatus` carries no `Type`.
   * Default `["Available"]`. When `Type` is present, `ROUTABLE` decides.
   */
  readonly routableStatusNames?: readonly string[];
}

/**
 * The presence an event leaves an agent in, given the state before it (`undefined` when
 * unknown). Pure: the consumer Lambda folds a Kinesis batch with it, the simulator and the
 * benchmark use it to model the stream.
 *
 * - `LOGOUT` → not routable, no slots.
 * - Otherwise routable when the status is routable (`Type: "ROUTABLE"`, or by name) and no
 *   `NextAgentStatus` is pending; slots are the routing profile's `AvailableSlots`.
 * - `idle`: kept from `previous` while the agent stays idle (routable, no contact); when the
 *   events show them becoming idle (a contact left, or `previous` was not idle), this event's
 *   time (`observed`); otherwise their status start (`status-start`).
 * - An event older than `previous` changes nothing (`previous` is returned).
 *
 * @example
 * ```ts
 * import { reduceAgentEvent } from "@connect-affinity/core/agent-events";
 *
 * const state = reduceAgentEvent(undefined, event);
 * state.routable && (state.availableSlots.VOICE ?? 0) > 0; // can take a call now
 * ```
 */
export function reduceAgentEvent(
  previous: AgentPresenceState | undefined,
  event: AgentEvent,
  rules: AgentPresenceRules = {},
): AgentPresenceState {
  if (previous !== undefined && event.at < previous.eventAt) {
    return previous;
  }
  const snapshot = event.current;
  const base = {
    agentId: event.agentId,
    agentArn: event.agentArn,
    eventType: event.eventType,
    eventAt: event.at,
    ...(snapshot?.statusName === undefined ? {} : { statusName: snapshot.statusName }),
  };
  if (event.eventType === "LOGOUT" || snapshot === undefined) {
    return { ...base, routable: false, availableSlots: {} };
  }
  const routableNames = new Set(rules.routableStatusNames ?? ["Available"]);
  const statusRoutable =
    snapshot.statusType === undefined
      ? snapshot.statusName !== undefined && routableNames.has(snapshot.statusName)
      : snapshot.statusType === "ROUTABLE";
  const routable = statusRoutable && snapshot.nextStatusName === undefined;
  const availableSlots: Partial<Record<Channel, number>> = {};
  for (const channel of channels) {
    const slots = snapshot.slots[channel];
    if (slots !== undefined) {
      availableSlots[channel] = slots.available;
    }
  }
  const idle = routable && snapshot.contactCount === 0;
  if (!idle) {
    return { ...base, routable, availableSlots };
  }
  return { ...base, routable, availableSlots, idle: idleAfter(previous, event) };
}

function idleAfter(previous: AgentPresenceState | undefined, event: AgentEvent): AgentIdleSince {
  if (previous?.idle !== undefined) {
    return previous.idle;
  }
  if (previous !== undefined || event.previousHadContacts) {
    return { since: event.at, basis: "observed" };
  }
  return { since: event.current?.statusStartAt ?? event.at, basis: "status-start" };
}

/**
 * Folds a batch of events (in stream order) into the last state of each agent they mention.
 * Kinesis keeps one agent's events in order (the partition key is the agent ARN), so one write
 * per agent per batch is enough.
 */
export function reduceAgentEvents(
  events: readonly AgentEvent[],
  rules: AgentPresenceRules = {},
): AgentPresenceState[] {
  const states = new Map<string, AgentPresenceState>();
  for (const event of events) {
    states.set(event.agentId, reduceAgentEvent(states.get(event.agentId), event, rules));
  }
  return [...states.values()];
}
