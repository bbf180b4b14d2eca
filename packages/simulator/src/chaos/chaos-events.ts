/** The events the chaos matrix sends the handlers, as Connect, EventBridge and Kinesis would. */

/** A contact-flow event (`Invoke AWS Lambda function`) of a voice contact. */
export function flowEvent(
  instanceArn: string,
  contactId: string,
  caller: string,
  parameters: Readonly<Record<string, string>> = {},
): unknown {
  return {
    Name: "ContactFlowEvent",
    Details: {
      ContactData: {
        Channel: "VOICE",
        ContactId: contactId,
        InitialContactId: contactId,
        InitiationMethod: "INBOUND",
        InstanceARN: instanceArn,
        CustomerEndpoint: { Address: caller, Type: "TELEPHONE_NUMBER" },
      },
      Parameters: { ...parameters },
    },
  };
}

/** EventBridge's `CONNECTED_TO_AGENT` contact event. */
export function connectedEvent(
  instanceArn: string,
  contactId: string,
  agentArn: string,
  at: number,
): unknown {
  return {
    version: "0",
    "detail-type": "Amazon Connect Contact Event",
    source: "aws.connect",
    time: new Date(at).toISOString(),
    detail: {
      contactId,
      initialContactId: contactId,
      channel: "VOICE",
      instanceArn,
      initiationMethod: "INBOUND",
      eventType: "CONNECTED_TO_AGENT",
      agentInfo: { agentArn, connectedToAgentTimestamp: new Date(at).toISOString() },
    },
  };
}

/** One agent event stream record's JSON: the agent Available with a free voice slot. */
export function availableAgentEvent(agentArn: string, at: number): Record<string, unknown> {
  const time = new Date(at).toISOString();
  return {
    EventType: "HEART_BEAT",
    EventTimestamp: time,
    AgentARN: agentArn,
    CurrentAgentSnapshot: {
      AgentStatus: { Name: "Available", Type: "ROUTABLE", StartTimestamp: time },
      Configuration: {
        RoutingProfile: { Concurrency: [{ Channel: "VOICE", AvailableSlots: 1, MaximumSlots: 1 }] },
      },
      Contacts: [],
    },
  };
}

/** A Kinesis batch as Lambda delivers it, each record's data as given (JSON or not). */
export function kinesisBatch(records: readonly (string | Record<string, unknown>)[]): unknown {
  return {
    Records: records.map((record, index) => ({
      eventSource: "aws:kinesis",
      kinesis: {
        sequenceNumber: String(49_590_000_000_000_000_000_000n + BigInt(index)),
        partitionKey: "agent",
        data: Buffer.from(
          typeof record === "string" ? record : JSON.stringify(record),
          "utf8",
        ).toString("base64"),
      },
    })),
  };
}
