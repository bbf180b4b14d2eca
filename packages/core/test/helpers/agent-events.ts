import { readFileSync } from "node:fs";

/** A JSON value as the agent event stream carries it. */
type Json = Record<string, unknown>;

const instanceArn =
  "arn:aws:connect:eu-west-2:111122223333:instance/40c83b68-ea62-414c-97bb-d018e39e158e";

/**
 * The documented shape of a STATE_CHANGE event (an agent, Available, whose call just ended),
 * read fresh from the fixture so tests can change it.
 */
export function stateChangeFixture(): Json {
  return JSON.parse(
    readFileSync(new URL("./events/agent-state-change.json", import.meta.url), "utf8"),
  ) as Json;
}

/** What varies between the events the tests build. */
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
}

/** An agent event stream record, as Kinesis delivers its JSON, built from the fixture. */
export function agentEvent(overrides: AgentEventOverrides = {}): Json {
  const agentId = overrides.agentId ?? "0c245dc0-0cf5-4e37-800e-2a7481cc8a60";
  const snapshot = (contacts: number, voiceSlots: number): Json => ({
    AgentStatus: {
      ARN: `${instanceArn}/agent-state/status`,
      Name: overrides.statusName ?? "Available",
      ...(overrides.statusType === undefined ? {} : { Type: overrides.statusType }),
      StartTimestamp: overrides.statusStart ?? "2026-11-24T17:30:00.000Z",
    },
    NextAgentStatus:
      overrides.nextStatusName === undefined
        ? null
        : { Name: overrides.nextStatusName, ARN: `${instanceArn}/agent-state/next` },
    Configuration: {
      Username: `user-${agentId.slice(0, 4)}`,
      RoutingProfile: {
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
    AgentARN: `${instanceArn}/agent/${agentId}`,
    EventId: `event-${overrides.at ?? "0"}`,
    EventTimestamp: overrides.at ?? "2026-11-24T18:00:00.000Z",
    EventType: overrides.eventType ?? "STATE_CHANGE",
    InstanceARN: instanceArn,
    Version: "2019-05-25",
    CurrentAgentSnapshot: snapshot(contacts, overrides.voiceSlots ?? (contacts > 0 ? 0 : 1)),
    PreviousAgentSnapshot: snapshot(overrides.previousContacts ?? 0, 1),
  };
}
