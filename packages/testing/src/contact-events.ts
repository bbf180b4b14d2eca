import { readFixture } from "./read-fixture.js";

/** The parts of a contact-flow event the tests change; everything else stays as in the fixture. */
export interface ContactFlowEventFixture {
  Details: {
    ContactData: {
      ContactId: string;
      InitialContactId: string;
      Channel: string;
      CustomerEndpoint: { Address: string; Type: string } | null;
      [field: string]: unknown;
    };
    Parameters: Record<string, unknown>;
  };
  [field: string]: unknown;
}

/** The parts of an EventBridge contact event the tests change. */
export interface ContactEventFixture {
  time: string;
  detail: {
    contactId: string;
    initialContactId: string;
    eventType: string;
    instanceArn: string;
    initiationMethod: string;
    agentInfo: { agentArn: string; connectedToAgentTimestamp: string };
    disconnectTimestamp?: string;
    AgentInfo?: { AgentArn: string; connectedToAgentTimestamp: string };
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** The instance of the contact-flow, contact and Kinesis fixtures (and of the Connect stub). */
export const fixtureInstanceId = "5b1e7c3a-2f4d-4e8b-9a61-0c3d2e4f5a6b";

/** A realistic event from `fixtures/`, fresh for each call. */
export const events = {
  /** An inbound call from +819012345678, as Connect invokes a Lambda from a flow. */
  voiceCall: (): ContactFlowEventFixture => readFixture("voice-call"),
  /** The same call with the caller's number withheld. */
  anonymousCall: (): ContactFlowEventFixture => readFixture("anonymous-call"),
  /** A chat: no customer endpoint. */
  chatContact: (): ContactFlowEventFixture => readFixture("chat-contact"),
  /** EventBridge's "Amazon Connect Contact Event", CONNECTED_TO_AGENT. */
  contactEventConnected: (): ContactEventFixture => readFixture("contact-event-connected"),
};

/** Overrides for {@link contactFlowEvent}. */
export interface ContactFlowEventOverrides {
  readonly contactId?: string;
  /** The customer's address; `null` removes the endpoint, as for a chat. */
  readonly address?: string | null;
  readonly channel?: string;
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/**
 * A contact-flow event based on the voice-call fixture, with the given differences.
 *
 * @example
 * ```ts
 * import { contactFlowEvent } from "@connect-affinity/testing/fixtures";
 *
 * contactFlowEvent({ address: "+819011112222", parameters: { cursor } });
 * ```
 */
export function contactFlowEvent(
  overrides: ContactFlowEventOverrides = {},
): ContactFlowEventFixture {
  const event = events.voiceCall();
  const data = event.Details.ContactData;
  if (overrides.contactId !== undefined) {
    data.ContactId = overrides.contactId;
    data.InitialContactId = overrides.contactId;
  }
  if (overrides.address === null) data.CustomerEndpoint = null;
  else if (overrides.address !== undefined) {
    data.CustomerEndpoint = { Address: overrides.address, Type: "TELEPHONE_NUMBER" };
  }
  if (overrides.channel !== undefined) data.Channel = overrides.channel;
  if (overrides.parameters !== undefined) event.Details.Parameters = { ...overrides.parameters };
  return event;
}

/** Overrides for {@link connectedToAgentEvent}. */
export interface ContactEventOverrides {
  /** Also the initial contact's ID, unless `initialContactId` says otherwise. */
  readonly contactId?: string;
  /** The first contact of a transfer chain. */
  readonly initialContactId?: string;
  readonly agentArn?: string;
  readonly connectedAt?: string;
  readonly eventType?: string;
  readonly instanceArn?: string;
  readonly initiationMethod?: string;
  /**
   * Makes it a `DISCONNECTED` event of a contact that ended at this time (ISO 8601), with the
   * agent in `AgentInfo` as the documentation's disconnect sample spells it.
   */
  readonly disconnectedAt?: string;
  /** For a `DISCONNECTED` event: `false` leaves the agent out, as for an abandoned contact. */
  readonly handledByAgent?: boolean;
}

/** An EventBridge contact event based on the fixture, with the given differences. */
export function connectedToAgentEvent(overrides: ContactEventOverrides = {}): ContactEventFixture {
  const event = events.contactEventConnected();
  const { detail } = event;
  if (overrides.contactId !== undefined) {
    detail.contactId = overrides.contactId;
    detail.initialContactId = overrides.contactId;
  }
  if (overrides.initialContactId !== undefined) {
    detail.initialContactId = overrides.initialContactId;
  }
  if (overrides.agentArn !== undefined) detail.agentInfo.agentArn = overrides.agentArn;
  if (overrides.connectedAt !== undefined) {
    detail.agentInfo.connectedToAgentTimestamp = overrides.connectedAt;
  }
  if (overrides.eventType !== undefined) detail.eventType = overrides.eventType;
  if (overrides.instanceArn !== undefined) detail.instanceArn = overrides.instanceArn;
  if (overrides.initiationMethod !== undefined) {
    detail.initiationMethod = overrides.initiationMethod;
  }
  if (overrides.disconnectedAt !== undefined) {
    detail.eventType = "DISCONNECTED";
    detail.disconnectTimestamp = overrides.disconnectedAt;
    event.time = overrides.disconnectedAt;
    // The documentation's disconnect sample spells the agent's block in PascalCase.
    const { agentInfo } = detail;
    Reflect.deleteProperty(detail, "agentInfo");
    if (overrides.handledByAgent !== false) {
      detail.AgentInfo = {
        AgentArn: agentInfo.agentArn,
        connectedToAgentTimestamp: agentInfo.connectedToAgentTimestamp,
      };
    }
  }
  return event;
}
