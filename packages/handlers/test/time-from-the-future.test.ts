import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { createPresenceTableInput } from "@connect-affinity/core/dynamodb";
import {
  type AgentEventJson,
  agentEventBatch,
  agentEventOf,
  connectedToAgentEvent,
  contactFlowEvent,
  retimed,
  withAgentEvent,
} from "@connect-affinity/testing/fixtures";
import { defaultAgents } from "@connect-affinity/testing/handlers";
import type { KinesisStreamEvent, KinesisStreamRecord } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { handler as agentEvents } from "../src/agent-events.js";
import { handler as contactEvent } from "../src/contact-event.js";
import { resetContainer } from "../src/container.js";
import { handler as record } from "../src/record.js";
import { handler as route } from "../src/route.js";
import { useHarness } from "./helpers/harness.js";

const [sato, suzuki] = defaultAgents.map((agent) => agent.id) as [string, string, string];
const caller = "+819012345678";
const farFuture = "2999-01-01T00:00:00.000Z";

const harness = useHarness();
let presenceTables = 0;

/** A fresh presence table and container reading presence from it. */
async function withPresenceTable(): Promise<string> {
  presenceTables += 1;
  const presenceTable = `presence-future-${presenceTables}`;
  await harness.dynamoDb.createTable(createPresenceTableInput(presenceTable));
  await harness.beforeEach({ PRESENCE_TABLE_NAME: presenceTable, PRESENCE_SOURCE: "event-stream" });
  return presenceTable;
}

/** The fixture's record of `agentId` (sato: record 0, suzuki: record 1), changed. */
function eventOf(
  agentId: string,
  change: (event: AgentEventJson) => AgentEventJson,
): KinesisStreamRecord {
  const found = agentEventBatch().Records.find((candidate) =>
    agentEventOf(candidate).AgentARN.endsWith(`/agent/${agentId}`),
  );
  if (found === undefined) throw new Error(`the fixture has no event of ${agentId}`);
  return withAgentEvent(found, change);
}

/** An event in which `agentId` is Available with a free voice slot at `at`. */
function availableAt(agentId: string, at: string): KinesisStreamRecord {
  return eventOf(agentId, (event) => ({
    ...event,
    EventType: "STATE_CHANGE",
    EventTimestamp: at,
    CurrentAgentSnapshot: {
      AgentStatus: { Name: "Available", Type: "ROUTABLE", StartTimestamp: at },
      Configuration: {
        RoutingProfile: { Concurrency: [{ Channel: "VOICE", AvailableSlots: 1, MaximumSlots: 1 }] },
      },
      Contacts: [],
    },
  }));
}

/** An event in which `agentId` is on a call (no free voice slot) at `at`. */
function busyAt(agentId: string, at: string): KinesisStreamRecord {
  return eventOf(agentId, (event) => ({
    ...event,
    EventType: "STATE_CHANGE",
    EventTimestamp: at,
    CurrentAgentSnapshot: {
      AgentStatus: { Name: "Available", Type: "ROUTABLE", StartTimestamp: at },
      Configuration: {
        RoutingProfile: { Concurrency: [{ Channel: "VOICE", AvailableSlots: 0, MaximumSlots: 1 }] },
      },
      Contacts: [{ ContactId: "c-other", Channel: "VOICE", State: "CONNECTED" }],
    },
  }));
}

const batchOf = (...records: KinesisStreamRecord[]): KinesisStreamEvent => ({ Records: records });
const secondsAgo = (seconds: number): string =>
  new Date(Date.now() - seconds * 1_000).toISOString();

describe("time from the future", () => {
  it("contact-event rejects a connection dated 2999, so it cannot lock the caller to that agent", async () => {
    // Prepare
    await harness.beforeEach();
    await route(contactFlowEvent({ contactId: "c-1", address: caller }));

    // Act
    const outcome = await contactEvent(
      connectedToAgentEvent({
        contactId: "c-1",
        agentArn: harness.connect.agentArn(suzuki),
        connectedAt: farFuture,
      }),
    );
    const later = await record(
      contactFlowEvent({ contactId: "c-2", address: caller, parameters: { agentId: sato } }),
    );
    const answer = await route(contactFlowEvent({ contactId: "c-3", address: caller }));

    // Assess
    expect(outcome).toEqual({ status: "rejected", reason: "invalid-event" });
    expect(later).toMatchObject({ status: "recorded" });
    expect(answer).toMatchObject({ agentId: sato, reason: "returning-caller" });
  });

  it("agent-events skips an event dated 2999, so the agent's real state still counts", async () => {
    // Prepare
    await withPresenceTable();
    // The stream first: a container reuses the agent index's status (when the stream was
    // last read) for a few seconds.
    await agentEvents(retimed(agentEventBatch(), Date.now() - 1_000));
    await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: suzuki } }),
    );

    // Act
    const future = await agentEvents(batchOf(availableAt(suzuki, farFuture)));
    await agentEvents(batchOf(busyAt(suzuki, secondsAgo(0.5))));
    const answer = await route(contactFlowEvent({ contactId: "c-2", address: caller }));

    // Assess
    expect(future).toEqual({ batchItemFailures: [] });
    expect(answer).toMatchObject({ reason: "preferred-agent-busy", presence: "verified" });
    expect(answer.agentId).not.toBe(suzuki);
  });

  it("an AgentARN ending in /agent/#stream cannot make presence look fresh", async () => {
    // Prepare: fresh agents, but a watermark ten minutes old (the consumer is stuck), so
    // presence is stale.
    const presenceTable = await withPresenceTable();
    await agentEvents(retimed(agentEventBatch(), Date.now() - 1_000));
    await harness.dynamoDb.client.send(
      new PutItemCommand({
        TableName: presenceTable,
        Item: { agentId: { S: "#stream" }, eventAt: { N: String(Date.now() - 600_000) } },
      }),
    );
    const watermarkEvent = withAgentEvent(availableAt(sato, farFuture), (event) => ({
      ...event,
      AgentARN: event.AgentARN.replace(/\/agent\/[^/]+$/, "/agent/#stream"),
    }));

    // Act
    await agentEvents(batchOf(watermarkEvent));
    const answer = await route(contactFlowEvent({ contactId: "c-1", address: caller }));

    // Assess
    expect(answer).toMatchObject({ presence: "unverified" });
  });

  it("route does not trust a presence item or a watermark dated 2999 already in the table", async () => {
    // Prepare: what an earlier release could have let in.
    const presenceTable = await withPresenceTable();
    await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: suzuki } }),
    );
    await agentEvents(retimed(agentEventBatch(), Date.now() - 1_000));
    const future = String(Date.parse(farFuture));
    for (const agentId of [suzuki, "#stream"]) {
      await harness.dynamoDb.client.send(
        new PutItemCommand({
          TableName: presenceTable,
          Item: {
            agentId: { S: agentId },
            agentArn: { S: harness.connect.agentArn(suzuki) },
            routable: { BOOL: true },
            slots: { M: { VOICE: { N: "1" } } },
            eventType: { S: "STATE_CHANGE" },
            eventAt: { N: future },
            idleSince: { N: future },
          },
        }),
      );
    }

    // Act
    const before = await route(contactFlowEvent({ contactId: "c-2", address: caller }));
    // A real event heals the agent's item and the watermark; a new container reads the
    // index's status afresh (one reuses it for a few seconds).
    await agentEvents(batchOf(busyAt(suzuki, secondsAgo(0.5))));
    resetContainer();
    const after = await route(contactFlowEvent({ contactId: "c-3", address: caller }));

    // Assess
    expect(before).toMatchObject({ presence: "unverified" });
    expect(after).toMatchObject({ reason: "preferred-agent-busy", presence: "verified" });
  });
});
