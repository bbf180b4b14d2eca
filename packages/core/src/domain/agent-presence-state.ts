import { type Channel, channels } from "./agent.js";
import type { AgentEvent, AgentEventType, AgentSnapshot } from "./agent-event.js";
import { type DirectoryFilter, matchesDirectoryFilter } from "./directory-filter.js";

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
  /**
   * Whether the agent passes the directory filter (`rules.filter`; everyone without one), as
   * the event's routing profile and hierarchy groups say; absent when the event does not tell
   * (a `LOGOUT` without a snapshot, with a routing-profile filter).
   */
  readonly listed?: boolean;
  /**
   * Whether the events folded into this state changed anything routing reads (routable, free
   * slots, idle or not, listed). A heartbeat never does; a `STATE_CHANGE` whose previous snapshot
   * routes the same (a contact moving from connected to after-contact work, one unroutable
   * status to another) does not either. A writer may skip such a state (the stored one already
   * says the same) except to refresh the item now and then.
   */
  readonly routingChange: boolean;
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
  /** Which users are agents (routing profiles, hierarchy groups); default everyone. */
  readonly filter?: DirectoryFilter;
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
  const routingChange = (previous?.routingChange ?? false) || changesRouting(event, rules);
  const listed =
    snapshot === undefined ? previous?.listed : matchesDirectoryFilter(rules.filter, snapshot);
  const base = {
    agentId: event.agentId,
    agentArn: event.agentArn,
    eventType: event.eventType,
    eventAt: event.at,
    routingChange,
    ...(snapshot?.statusName === undefined ? {} : { statusName: snapshot.statusName }),
    ...(listed === undefined ? {} : { listed }),
  };
  if (event.eventType === "LOGOUT" || snapshot === undefined) {
    return { ...base, routable: false, availableSlots: {} };
  }
  const routable = isRoutable(snapshot, rules);
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

/** Routable status (by `Type`, else by name) and no next status pending. */
function isRoutable(snapshot: AgentSnapshot, rules: AgentPresenceRules): boolean {
  const statusRoutable =
    snapshot.statusType === undefined
      ? snapshot.statusName !== undefined &&
        (rules.routableStatusNames ?? ["Available"]).includes(snapshot.statusName)
      : snapshot.statusType === "ROUTABLE";
  return statusRoutable && snapshot.nextStatusName === undefined;
}

/**
 * Whether one event changes what routing reads: heartbeats never do; an event with a previous
 * snapshot does when the two snapshots differ in routable, listed, idle or free slots; any
 * other event (a login, a logout, an event without a previous snapshot) is taken to.
 */
function changesRouting(event: AgentEvent, rules: AgentPresenceRules): boolean {
  if (event.eventType === "HEART_BEAT") return false;
  if (event.eventType === "LOGOUT" || event.current === undefined || event.previous === undefined) {
    return true;
  }
  return routingShape(event.previous, rules) !== routingShape(event.current, rules);
}

/** The routing facts of a snapshot as one comparable string. */
function routingShape(snapshot: AgentSnapshot, rules: AgentPresenceRules): string {
  const routable = isRoutable(snapshot, rules);
  const slots = channels.map((channel) => snapshot.slots[channel]?.available ?? "-").join(",");
  const listed = matchesDirectoryFilter(rules.filter, snapshot);
  return `${routable}|${listed}|${routable && snapshot.contactCount === 0}|${slots}`;
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
