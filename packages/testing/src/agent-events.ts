import type { KinesisStreamEvent, KinesisStreamRecord } from "aws-lambda";
import { readFixture } from "./read-fixture.js";

/** One agent event as its JSON (what Connect puts on the stream); the tests change a few keys. */
export type AgentEventJson = Record<string, unknown> & {
  EventType: string;
  EventTimestamp: string;
  AgentARN: string;
  CurrentAgentSnapshot: Record<string, unknown> | null;
};

/**
 * The documented shape of a STATE_CHANGE event (`fixtures/agent-state-change.json`: an agent,
 * Available, whose call just ended), read fresh so tests can change it.
 */
export function stateChangeFixture(): AgentEventJson {
  return readFixture("agent-state-change");
}

/** What varies between the events {@link agentEvent} builds. */
export interface AgentEventOverrides {
  readonly agentId?: string;
  readonly eventType?: "LOGIN" | "LOGOUT" | "STATE_CHANGE" | "HEART_BEAT";
  readonly at?: string;
  readonly statusName?: string;
  readonly statusType?: string;
  readonly statusStart?: string;
  readonly nextStatusName?: string;
  readonly voiceSlots?: number;
  readonly contacts?: number;
  readonly previousContacts?: number;
  /** Free voice slots in the previous snapshot (default 1). */
  readonly previousVoiceSlots?: number;
  /** The routing profile's ID, named in `Configuration.RoutingProfile.ARN` (default none). */
  readonly routingProfileId?: string;
  /** `Configuration.AgentHierarchyGroups`, Level1 first (default none). */
  readonly hierarchyGroupIds?: readonly string[];
}

const stateChangeInstanceArn =
  "arn:aws:connect:eu-west-2:111122223333:instance/40c83b68-ea62-414c-97bb-d018e39e158e";

/**
 * An agent event stream record's JSON, in the state-change fixture's shape, with the given
 * differences: by default an Available agent with one free voice slot and no contact.
 */
export function agentEvent(overrides: AgentEventOverrides = {}): AgentEventJson {
  const agentId = overrides.agentId ?? "0c245dc0-0cf5-4e37-800e-2a7481cc8a60";
  const snapshot = (contacts: number, voiceSlots: number): Record<string, unknown> => ({
    AgentStatus: {
      ARN: `${stateChangeInstanceArn}/agent-state/status`,
      Name: overrides.statusName ?? "Available",
      ...(overrides.statusType === undefined ? {} : { Type: overrides.statusType }),
      StartTimestamp: overrides.statusStart ?? "2026-11-24T17:30:00.000Z",
    },
    NextAgentStatus:
      overrides.nextStatusName === undefined
        ? null
        : { Name: overrides.nextStatusName, ARN: `${stateChangeInstanceArn}/agent-state/next` },
    Configuration: {
      Username: `user-${agentId.slice(0, 4)}`,
      AgentHierarchyGroups:
        overrides.hierarchyGroupIds === undefined
          ? null
          : Object.fromEntries(
              overrides.hierarchyGroupIds.map((id, level) => [
                `Level${level + 1}`,
                { ARN: `${stateChangeInstanceArn}/agent-group/${id}`, Name: id },
              ]),
            ),
      RoutingProfile: {
        ...(overrides.routingProfileId === undefined
          ? {}
          : { ARN: `${stateChangeInstanceArn}/routing-profile/${overrides.routingProfileId}` }),
        Concurrency: [
          { Channel: "VOICE", AvailableSlots: voiceSlots, MaximumSlots: 1 },
          { Channel: "CHAT", AvailableSlots: 2, MaximumSlots: 2 },
        ],
      },
    },
    Contacts: Array.from({ length: contacts }, (_, index) => ({
      ContactId: `contact-${index}`,
      Channel: "VOICE",
      State: "CONNECTED",
    })),
  });
  const contacts = overrides.contacts ?? 0;
  return {
    AWSAccountId: "111122223333",
    AgentARN: `${stateChangeInstanceArn}/agent/${agentId}`,
    EventId: `event-${overrides.at ?? "0"}`,
    EventTimestamp: overrides.at ?? "2026-11-24T18:00:00.000Z",
    EventType: overrides.eventType ?? "STATE_CHANGE",
    InstanceARN: stateChangeInstanceArn,
    Version: "2019-05-25",
    CurrentAgentSnapshot: snapshot(contacts, overrides.voiceSlots ?? (contacts > 0 ? 0 : 1)),
    PreviousAgentSnapshot: snapshot(
      overrides.previousContacts ?? 0,
      overrides.previousVoiceSlots ?? 1,
    ),
  };
}

/**
 * The agent event stream fixture (`fixtures/kinesis-agent-events.json`): a Kinesis batch as
 * Lambda delivers it, five records of one shard whose data is base64 of Connect agent events
 * (all of the contact fixtures' instance, the handler harness's agents):
 *
 * 0. sato, STATE_CHANGE 09:00:00.512: a call ended, Available (ROUTABLE), VOICE 1 and CHAT 2 free
 * 1. suzuki, STATE_CHANGE 09:00:03.871: connected to a caller, Available, VOICE 0 free, CHAT 2
 * 2. takahashi, LOGOUT 09:00:07.250 (no current snapshot)
 * 3. sato, HEART_BEAT 09:02:00.512: unchanged
 * 4. suzuki, HEART_BEAT 09:02:03.871: still on the call
 */
export function agentEventBatch(): KinesisStreamEvent {
  return readFixture("kinesis-agent-events");
}

/** The agent event a record carries. */
export function agentEventOf(record: KinesisStreamRecord): AgentEventJson {
  return JSON.parse(Buffer.from(record.kinesis.data, "base64").toString("utf8")) as AgentEventJson;
}

/** A copy of the record carrying `data` (any text, base64-encoded as Kinesis does). */
export function withData(record: KinesisStreamRecord, data: string): KinesisStreamRecord {
  return {
    ...record,
    kinesis: { ...record.kinesis, data: Buffer.from(data, "utf8").toString("base64") },
  };
}

/** A copy of the record carrying the agent event `change` makes of its own. */
export function withAgentEvent(
  record: KinesisStreamRecord,
  change: (event: AgentEventJson) => AgentEventJson,
): KinesisStreamRecord {
  return withData(record, JSON.stringify(change(agentEventOf(record))));
}

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * The batch moved in time so that its last event happened at `lastEventAt` (epoch ms): every
 * timestamp in every event shifts by the same amount, so the order and gaps stay as recorded.
 * The presence reader trusts only recent events, so a test that routes needs a fresh batch.
 */
export function retimed(batch: KinesisStreamEvent, lastEventAt: number): KinesisStreamEvent {
  const times = batch.Records.map((record) => Date.parse(agentEventOf(record).EventTimestamp));
  const shift = lastEventAt - Math.max(...times);
  const move = (value: unknown): unknown => {
    if (typeof value === "string" && isoTimestamp.test(value)) {
      return new Date(Date.parse(value) + shift).toISOString();
    }
    if (Array.isArray(value)) return value.map(move);
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, move(inner)]));
    }
    return value;
  };
  return {
    Records: batch.Records.map((record) =>
      withAgentEvent(record, (event) => move(event) as AgentEventJson),
    ),
  };
}
