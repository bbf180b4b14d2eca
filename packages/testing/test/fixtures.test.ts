import { describe, expect, it } from "vitest";
import {
  agentEvent,
  agentEventBatch,
  agentEventOf,
  retimed,
  stateChangeFixture,
  withData,
} from "../src/agent-events.js";
import { connectedToAgentEvent, contactFlowEvent, events } from "../src/contact-events.js";

describe("contact fixtures", () => {
  it("are fresh on every call, so one test's change never reaches another", () => {
    // Prepare
    const first = events.voiceCall();
    first.Details.ContactData.ContactId = "changed";

    // Act
    const second = events.voiceCall();

    // Assess
    expect(second.Details.ContactData.ContactId).toBe("4a573372-1f28-4e26-b97b-0e1f2a3b4c5d");
  });

  it("builds a contact-flow event with the caller, contact and parameters asked for", () => {
    // Act
    const event = contactFlowEvent({
      contactId: "c-9",
      address: null,
      parameters: { cursor: "x" },
    });

    // Assess
    expect(event.Details.ContactData).toMatchObject({
      ContactId: "c-9",
      InitialContactId: "c-9",
      CustomerEndpoint: null,
    });
    expect(event.Details.Parameters).toEqual({ cursor: "x" });
  });

  it("builds a transferred contact's event apart from its initial contact", () => {
    // Act
    const event = connectedToAgentEvent({ contactId: "c-2", initialContactId: "c-1" });

    // Assess
    expect(event.detail).toMatchObject({ contactId: "c-2", initialContactId: "c-1" });
    expect(event.detail.eventType).toBe("CONNECTED_TO_AGENT");
  });
});

describe("contact-end fixtures", () => {
  it("builds a DISCONNECTED event with the agent's block as the disconnect sample spells it", () => {
    // Act
    const event = connectedToAgentEvent({ disconnectedAt: "2030-01-01T00:05:00.000Z" });

    // Assess
    expect(event.detail).toMatchObject({
      eventType: "DISCONNECTED",
      disconnectTimestamp: "2030-01-01T00:05:00.000Z",
      AgentInfo: { AgentArn: expect.stringContaining("/agent/") },
    });
    expect(event.detail).not.toHaveProperty("agentInfo");
    expect(event.time).toBe("2030-01-01T00:05:00.000Z");
  });

  it("leaves the agent out of the end of a contact no agent handled", () => {
    // Act
    const event = connectedToAgentEvent({
      disconnectedAt: "2030-01-01T00:05:00.000Z",
      handledByAgent: false,
    });

    // Assess
    expect(event.detail.eventType).toBe("DISCONNECTED");
    expect(event.detail).not.toHaveProperty("AgentInfo");
    expect(event.detail).not.toHaveProperty("agentInfo");
  });
});

describe("agent event fixtures", () => {
  it("builds events in the documented state-change shape", () => {
    // Act
    const built = agentEvent({ contacts: 1 });

    // Assess
    expect(Object.keys(built).sort()).toEqual(
      Object.keys(stateChangeFixture())
        .filter((key) => key !== "PreviousAgentSnapshot" || "PreviousAgentSnapshot" in built)
        .sort(),
    );
    expect(built.CurrentAgentSnapshot).toMatchObject({ Contacts: [{ State: "CONNECTED" }] });
  });

  it("moves a batch in time keeping its order and gaps", () => {
    // Prepare
    const batch = agentEventBatch();
    const times = (records: typeof batch.Records): number[] =>
      records.map((record) => Date.parse(agentEventOf(record).EventTimestamp));
    const before = times(batch.Records);
    const lastEventAt = Date.parse("2030-01-01T00:00:00.000Z");

    // Act
    const after = times(retimed(batch, lastEventAt).Records);

    // Assess
    expect(Math.max(...after)).toBe(lastEventAt);
    const shift = (after[0] ?? 0) - (before[0] ?? 0);
    expect(after).toEqual(before.map((time) => time + shift));
  });

  it("carries any text as a record's data, base64-encoded as Kinesis does", () => {
    // Prepare
    const [record] = agentEventBatch().Records;
    if (record === undefined) throw new Error("the fixture has records");

    // Act
    const changed = withData(record, "not json");

    // Assess
    expect(Buffer.from(changed.kinesis.data, "base64").toString("utf8")).toBe("not json");
    expect(changed.kinesis.sequenceNumber).toBe(record.kinesis.sequenceNumber);
  });
});
