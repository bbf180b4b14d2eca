import type { Channel } from "./agent.js";
import { identifierLimits, parseAgentArn } from "./connect-identifiers.js";
import { logExcerpt } from "./log-masking.js";

/** The event types of the Amazon Connect agent event stream. */
export const agentEventTypes = ["LOGIN", "LOGOUT", "STATE_CHANGE", "HEART_BEAT"] as const;

/** One agent event stream event type. */
export type AgentEventType = (typeof agentEventTypes)[number];

/** Slots of one channel, from the routing profile's `Concurrency` entry. */
export interface ChannelSlots {
  readonly available: number;
  readonly maximum: number;
}

/** What one agent snapshot says, reduced to what routing needs. */
export interface AgentSnapshot {
  /** `AgentStatus.Name`, e.g. "Available", "Break". */
  readonly statusName?: string;
  /** `AgentStatus.Type` (`ROUTABLE`, `CUSTOM`, `OFFLINE`), when the stream carries it. */
  readonly statusType?: string;
  /** `AgentStatus.StartTimestamp`, epoch ms. */
  readonly statusStartAt?: number;
  /** `NextAgentStatus.Name`: the agent asked to leave after their current contacts. */
  readonly nextStatusName?: string;
  /** `Configuration.RoutingProfile.Concurrency`, per channel. */
  readonly slots: Readonly<Partial<Record<Channel, ChannelSlots>>>;
  /** How many contacts the agent holds (`Contacts`), in any state. */
  readonly contactCount: number;
  /** The routing profile's ID (the last part of `Configuration.RoutingProfile.ARN`). */
  readonly routingProfileId?: string;
  /**
   * The agent's hierarchy groups from `Configuration.AgentHierarchyGroups`, `Level1` first
   * (the IDs, the last part of each level's `ARN`); empty when the agent has none.
   */
  readonly hierarchyGroupIds: readonly string[];
}

/**
 * One event of the Amazon Connect agent event stream (the JSON of one Kinesis record), checked
 * and reduced to what presence needs.
 */
export interface AgentEvent {
  readonly eventType: AgentEventType;
  readonly eventId?: string;
  /** Connect user ID, from the agent ARN. */
  readonly agentId: string;
  /** `AgentARN` (`arn:aws:connect:R:A:instance/I/agent/U`). */
  readonly agentArn: string;
  /** `EventTimestamp`, epoch ms. */
  readonly at: number;
  /** `CurrentAgentSnapshot` (LOGOUT events may carry none). */
  readonly current: AgentSnapshot | undefined;
  /** Whether `PreviousAgentSnapshot` held contacts; tells when an agent became idle. */
  readonly previousHadContacts: boolean;
  /**
   * `PreviousAgentSnapshot`, when the event carries one (heartbeats do not): comparing it with
   * `current` tells whether the event changed anything routing depends on.
   */
  readonly previous?: AgentSnapshot;
}

/** The result of reading one record: an event, or why it is not one. */
export type AgentEventParse =
  | { readonly kind: "event"; readonly event: AgentEvent }
  | { readonly kind: "invalid"; readonly problem: string };

/**
 * Reads one agent event stream record (already decoded from base64 and parsed as JSON).
 *
 * Only the fields presence needs are checked; unknown fields are ignored, so a newer stream
 * version still reads. A record that is not an agent event comes back as `invalid` with the
 * reason, never as an exception, so one bad record cannot stop a Kinesis batch.
 *
 * Channel `TASKS` (as older documentation spells it) is read as `TASK`.
 *
 * @example
 * ```ts
 * import { parseAgentEvent } from "@connect-affinity/core/agent-events";
 *
 * const parsed = parseAgentEvent(JSON.parse(Buffer.from(record.kinesis.data, "base64").toString("utf8")));
 * if (parsed.kind === "invalid") logger.warn("skipped agent event", { problem: parsed.problem });
 * ```
 */
export function parseAgentEvent(json: unknown): AgentEventParse {
  if (!isRecord(json)) {
    return invalid("not a JSON object");
  }
  const { EventType, AgentARN, EventTimestamp, EventId } = json;
  if (!isAgentEventType(EventType)) {
    return invalid(`unknown EventType ${logExcerpt(EventType)}`);
  }
  // Bounded parts and Connect's ID alphabet: no oversized key, and no ID such as `#stream`
  // that could address an item the consumer keeps for itself.
  const arn = parseAgentArn(AgentARN);
  if (arn === undefined || typeof AgentARN !== "string") {
    return invalid(`AgentARN is not an agent ARN: ${logExcerpt(AgentARN)}`);
  }
  const at = timestampOf(EventTimestamp);
  if (at === undefined) {
    return invalid(`EventTimestamp is not an ISO 8601 time: ${logExcerpt(EventTimestamp)}`);
  }
  const { CurrentAgentSnapshot, PreviousAgentSnapshot } = json;
  const current = isRecord(CurrentAgentSnapshot) ? snapshotOf(CurrentAgentSnapshot) : undefined;
  if (current === undefined && EventType !== "LOGOUT") {
    return invalid(`${EventType} event without CurrentAgentSnapshot`);
  }
  const tooLong = [current?.statusName, current?.nextStatusName].some(
    (name) => name !== undefined && name.length > identifierLimits.statusName,
  );
  if (tooLong) {
    return invalid(`an agent status name is longer than ${identifierLimits.statusName} characters`);
  }
  const previous = isRecord(PreviousAgentSnapshot) ? snapshotOf(PreviousAgentSnapshot) : undefined;
  return {
    kind: "event",
    event: {
      eventType: EventType,
      ...(typeof EventId === "string" && EventId.length <= identifierLimits.contactId
        ? { eventId: EventId }
        : {}),
      agentId: arn.agentId,
      agentArn: AgentARN,
      at,
      current,
      previousHadContacts: (previous?.contactCount ?? 0) > 0,
      ...(previous === undefined ? {} : { previous }),
    },
  };
}

function snapshotOf(snapshot: Readonly<Record<string, unknown>>): AgentSnapshot {
  const { AgentStatus, NextAgentStatus, Configuration, Contacts } = snapshot;
  const { Name, Type, StartTimestamp } = recordOrEmpty(AgentStatus);
  const { Name: nextName } = recordOrEmpty(NextAgentStatus);
  const statusStartAt = timestampOf(StartTimestamp);
  return {
    ...(typeof Name === "string" ? { statusName: Name } : {}),
    ...(typeof Type === "string" ? { statusType: Type } : {}),
    ...(statusStartAt === undefined ? {} : { statusStartAt }),
    ...(typeof nextName === "string" && nextName !== "" ? { nextStatusName: nextName } : {}),
    slots: slotsOf(Configuration),
    contactCount: Array.isArray(Contacts) ? Contacts.length : 0,
    ...routingProfileOf(Configuration),
    hierarchyGroupIds: hierarchyGroupsOf(Configuration),
  };
}

/** The last part of a Connect resource ARN (`…/routing-profile/ID` → `ID`). */
function resourceIdOf(arn: unknown): string | undefined {
  if (typeof arn !== "string") return undefined;
  const id = arn.slice(arn.lastIndexOf("/") + 1);
  return id === "" ? undefined : id;
}

function routingProfileOf(configuration: unknown): { routingProfileId?: string } {
  const { RoutingProfile } = recordOrEmpty(configuration);
  const { ARN } = recordOrEmpty(RoutingProfile);
  const id = resourceIdOf(ARN);
  return id === undefined ? {} : { routingProfileId: id };
}

const hierarchyLevels = ["Level1", "Level2", "Level3", "Level4", "Level5"] as const;

function hierarchyGroupsOf(configuration: unknown): readonly string[] {
  const { AgentHierarchyGroups } = recordOrEmpty(configuration);
  const groups = recordOrEmpty(AgentHierarchyGroups);
  const ids: string[] = [];
  for (const level of hierarchyLevels) {
    const { ARN } = recordOrEmpty(groups[level]);
    const id = resourceIdOf(ARN);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

function slotsOf(configuration: unknown): Partial<Record<Channel, ChannelSlots>> {
  const slots: Partial<Record<Channel, ChannelSlots>> = {};
  const { RoutingProfile } = recordOrEmpty(configuration);
  const { Concurrency } = recordOrEmpty(RoutingProfile);
  if (!Array.isArray(Concurrency)) {
    return slots;
  }
  for (const entry of Concurrency) {
    if (!isRecord(entry)) continue;
    const { Channel: channelName, AvailableSlots, MaximumSlots } = entry;
    const channel = channelOf(channelName);
    if (channel !== undefined && isCount(AvailableSlots) && isCount(MaximumSlots)) {
      slots[channel] = { available: AvailableSlots, maximum: MaximumSlots };
    }
  }
  return slots;
}

function channelOf(value: unknown): Channel | undefined {
  switch (value) {
    case "VOICE":
    case "CHAT":
    case "TASK":
    case "EMAIL":
      return value;
    case "TASKS":
      return "TASK";
    default:
      return undefined;
  }
}

function timestampOf(value: unknown): number | undefined {
  if (typeof value !== "string" || value.length > identifierLimits.timestamp) return undefined;
  const parsed = Date.parse(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

function isAgentEventType(value: unknown): value is AgentEventType {
  return agentEventTypes.some((type) => type === value);
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const empty: Readonly<Record<string, unknown>> = Object.freeze({});

function recordOrEmpty(value: unknown): Readonly<Record<string, unknown>> {
  return isRecord(value) ? value : empty;
}

function invalid(problem: string): AgentEventParse {
  return { kind: "invalid", problem };
}
