import { createPresenceTableInput } from "@connect-affinity/core/dynamodb";
import { closedEndpoint } from "@connect-affinity/testing";
import {
  agentEventBatch,
  contactFlowEvent,
  retimed,
  withAgentEvent,
  withData,
} from "@connect-affinity/testing/fixtures";
import { defaultAgents } from "@connect-affinity/testing/handlers";
import type { KinesisStreamEvent, KinesisStreamRecord } from "aws-lambda";
import { describe, expect, it, vi } from "vitest";
import { handler as agentEvents } from "../src/agent-events.js";
import { ConfigurationError, InvalidEventError } from "../src/errors.js";
import { handler as record } from "../src/record.js";
import { handler as route } from "../src/route.js";
import { useHarness } from "./helpers/harness.js";

const [sato, suzuki, takahashi] = defaultAgents.map((agent) => agent.id) as [
  string,
  string,
  string,
];
const caller = "+819012345678";

const harness = useHarness();
let presenceTables = 0;

/** A fresh presence table and a fresh container whose environment names it. */
async function prepare(environment: Readonly<Record<string, string | undefined>> = {}) {
  presenceTables += 1;
  const presenceTable = `presence-test-${presenceTables}`;
  await harness.dynamoDb.createTable(createPresenceTableInput(presenceTable));
  await harness.beforeEach({ PRESENCE_TABLE_NAME: presenceTable, ...environment });
  const items = async (): Promise<ReadonlyMap<string, Record<string, unknown>>> => {
    const scanned = await harness.dynamoDb.scan(presenceTable);
    return new Map(
      scanned.map((item) => {
        const { agentId } = item as { readonly agentId?: { readonly S?: string } };
        return [String(agentId?.S), item];
      }),
    );
  };
  return { presenceTable, items };
}

const epochMs = (iso: string): { N: string } => ({ N: String(Date.parse(iso)) });

/** A record of the fixture's first shape in which sato goes on a break at `at`. */
function satoOnBreakAt(at: string): KinesisStreamRecord {
  const [first] = agentEventBatch().Records;
  if (first === undefined) throw new Error("the fixture has records");
  return withAgentEvent(first, (event) => ({
    ...event,
    EventType: "STATE_CHANGE",
    EventTimestamp: at,
    CurrentAgentSnapshot: {
      ...event.CurrentAgentSnapshot,
      AgentStatus: { Name: "Break", Type: "CUSTOM", StartTimestamp: at },
    },
  }));
}

describe("agent-events", () => {
  it("keeps each agent's routable state and free slots from a batch of the stream", async () => {
    // Prepare
    const { items } = await prepare();

    // Act
    const answer = await agentEvents(agentEventBatch());

    // Assess
    expect(answer).toEqual({ batchItemFailures: [] });
    const table = await items();
    expect(table.get(sato)).toMatchObject({
      routable: { BOOL: true },
      slots: { M: { VOICE: { N: "1" }, CHAT: { N: "2" }, TASK: { N: "0" } } },
      statusName: { S: "Available" },
      eventType: { S: "HEART_BEAT" },
      eventAt: epochMs("2026-11-24T09:02:00.512Z"),
      // Idle since the call ended, as the first event showed.
      idleSince: epochMs("2026-11-24T09:00:00.512Z"),
    });
    expect(table.get(suzuki)).toMatchObject({
      routable: { BOOL: true },
      slots: { M: { VOICE: { N: "0" }, CHAT: { N: "2" } } },
      eventAt: epochMs("2026-11-24T09:02:03.871Z"),
    });
    expect(table.get(suzuki)).not.toHaveProperty("idleSince");
    expect(table.get(takahashi)).toMatchObject({
      routable: { BOOL: false },
      slots: { M: {} },
      eventType: { S: "LOGOUT" },
    });
    // The watermark tells the route that the consumer is alive, as of the newest event.
    expect(table.get("#stream")).toMatchObject({ eventAt: epochMs("2026-11-24T09:02:03.871Z") });
    expect(table.size).toBe(4);
  });

  it("does not let an older event that arrives later overwrite a newer state", async () => {
    // Prepare
    const { items } = await prepare();
    await agentEvents(agentEventBatch());

    // Act
    const answer = await agentEvents({ Records: [satoOnBreakAt("2026-11-24T09:01:00.000Z")] });

    // Assess
    expect(answer).toEqual({ batchItemFailures: [] });
    expect((await items()).get(sato)).toMatchObject({
      routable: { BOOL: true },
      statusName: { S: "Available" },
      eventAt: epochMs("2026-11-24T09:02:00.512Z"),
    });
  });

  it("keeps the newest state when a batch carries an agent's events out of order", async () => {
    // Prepare
    const { items } = await prepare();
    const batch = agentEventBatch();

    // Act
    await agentEvents({
      Records: [...batch.Records, satoOnBreakAt("2026-11-24T09:01:00.000Z")],
    });

    // Assess
    expect((await items()).get(sato)).toMatchObject({
      routable: { BOOL: true },
      eventAt: epochMs("2026-11-24T09:02:00.512Z"),
    });
  });

  it("replaces an agent's state with a newer event", async () => {
    // Prepare
    const { items } = await prepare();
    await agentEvents(agentEventBatch());

    // Act
    await agentEvents({ Records: [satoOnBreakAt("2026-11-24T09:03:00.000Z")] });

    // Assess
    const item = (await items()).get(sato);
    expect(item).toMatchObject({
      routable: { BOOL: false },
      statusName: { S: "Break" },
      eventAt: epochMs("2026-11-24T09:03:00.000Z"),
    });
    expect(item).not.toHaveProperty("idleSince");
  });

  it("skips a malformed record with a warning and writes the rest of the batch", async () => {
    // Prepare
    const { items } = await prepare({ POWERTOOLS_LOG_LEVEL: undefined, LOG_LEVEL: "WARN" });
    const records = agentEventBatch().Records;
    const [first, second] = records;
    if (first === undefined || second === undefined) throw new Error("the fixture has records");
    const batch: KinesisStreamEvent = {
      Records: [
        withData(first, '{"EventType": "STATE_CHANGE", "AgentARN": '),
        withAgentEvent(second, (event) => ({ ...event, AgentARN: "not an agent" })),
        ...records.slice(2),
      ],
    };
    const output: string[] = [];
    const keep = (chunk: unknown): boolean => {
      output.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, "write").mockImplementation(keep);
    vi.spyOn(process.stderr, "write").mockImplementation(keep);

    // Act
    const answer = await agentEvents(batch);

    // Assess
    expect(answer).toEqual({ batchItemFailures: [] });
    const table = await items();
    expect(table.get(sato)).toMatchObject({ eventType: { S: "HEART_BEAT" } });
    expect(table.get(suzuki)).toMatchObject({ eventType: { S: "HEART_BEAT" } });
    expect(table.get(takahashi)).toMatchObject({ eventType: { S: "LOGOUT" } });
    const warnings = output
      .join("")
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { readonly message?: string })
      .filter((line) => line.message === "Agent event skipped");
    expect(warnings).toEqual([
      expect.objectContaining({
        level: "WARN",
        sequenceNumber: first.kinesis.sequenceNumber,
        problem: "data is not base64-encoded JSON",
      }),
      expect.objectContaining({
        level: "WARN",
        sequenceNumber: second.kinesis.sequenceNumber,
        problem: expect.stringContaining("AgentARN"),
      }),
    ]);
    // The events name the agents; the log lines do not repeat them.
    expect(output.join("")).not.toMatch(/Hanako|Taro|suzuki"/);
  });

  it("asks Kinesis to retry from the batch's first record when DynamoDB cannot be reached", async () => {
    // Prepare
    const { items } = await prepare({ AWS_ENDPOINT_URL_DYNAMODB: await closedEndpoint() });
    const batch = agentEventBatch();

    // Act
    const answer = await agentEvents(batch);

    // Assess
    expect(answer).toEqual({
      batchItemFailures: [{ itemIdentifier: batch.Records[0]?.kinesis.sequenceNumber }],
    });
    expect((await items()).size).toBe(0);
  });

  it("answers an empty batch without writing", async () => {
    // Prepare
    const { items } = await prepare();

    // Act
    const answer = await agentEvents({ Records: [] });

    // Assess
    expect(answer).toEqual({ batchItemFailures: [] });
    expect((await items()).size).toBe(0);
  });

  it("needs only the presence table, not the affinity table or the Connect instance", async () => {
    // Prepare
    const { items } = await prepare({ AFFINITY_TABLE_NAME: undefined, CONNECT_INSTANCE_ID: "" });

    // Act
    const answer = await agentEvents(agentEventBatch());

    // Assess
    expect(answer).toEqual({ batchItemFailures: [] });
    expect((await items()).get(sato)).toMatchObject({ routable: { BOOL: true } });
  });

  it("fails the invocation with a message naming PRESENCE_TABLE_NAME when it is not set", async () => {
    // Prepare
    await prepare({ PRESENCE_TABLE_NAME: undefined });

    // Act
    const answer = agentEvents(agentEventBatch());

    // Assess
    await expect(answer).rejects.toBeInstanceOf(ConfigurationError);
    await expect(agentEvents(agentEventBatch())).rejects.toThrow(/PRESENCE_TABLE_NAME is required/);
  });

  it("rejects an invocation that is not a Kinesis event, writing nothing", async () => {
    // Prepare
    const { items } = await prepare();
    const notKinesis = { Records: [{ eventSource: "aws:sqs", body: "{}" }] };

    // Act
    const answer = agentEvents(notKinesis as unknown as KinesisStreamEvent);

    // Assess
    await expect(answer).rejects.toBeInstanceOf(InvalidEventError);
    expect((await items()).size).toBe(0);
  });
});

describe("agent-events keeps the shared roster and the agent index", () => {
  it("lists the agents of the filtered routing profiles, indexes the free ones, and publishes the shards", async () => {
    // Prepare: every fixture agent is in rp-main.
    const { items } = await prepare({ ROUTING_PROFILE_IDS: "rp-main", PRESENCE_INDEX_SHARDS: "2" });

    // Act
    await agentEvents(agentEventBatch());
    const table = await items();

    // Assess
    expect(table.get(sato)).toMatchObject({
      listed: { BOOL: true },
      availVOICE: { S: expect.any(String) },
    });
    expect(table.get(suzuki)).toMatchObject({ listed: { BOOL: true } });
    expect(table.get(suzuki)).not.toHaveProperty("availVOICE");
    expect(table.get("#stream")).toMatchObject({
      shards: { N: "2" },
      indexedChannels: { S: "VOICE" },
    });
  });

  it("stores an agent outside the filter as unlisted, in no index", async () => {
    // Prepare
    const { items } = await prepare({ ROUTING_PROFILE_IDS: "rp-other" });

    // Act
    await agentEvents(agentEventBatch());
    const table = await items();

    // Assess
    expect(table.get(sato)).toMatchObject({ listed: { BOOL: false } });
    expect(table.get(sato)).not.toHaveProperty("availVOICE");
  });
});

describe("route with presence from the stream this function keeps", () => {
  it("offers the agent the stream says is free, skips the busy one, and asks Connect nothing about presence", async () => {
    // Prepare
    await prepare({ PRESENCE_SOURCE: "event-stream" });
    // Connect's own view (the stub) has every agent available; only the stream knows better.
    const consumed = await agentEvents(retimed(agentEventBatch(), Date.now() - 1_000));
    await record(
      contactFlowEvent({ contactId: "c-1", address: caller, parameters: { agentId: suzuki } }),
    );

    // Act
    const answer = await route(contactFlowEvent({ contactId: "c-2", address: caller }));

    // Assess
    expect(consumed).toEqual({ batchItemFailures: [] });
    expect(answer).toMatchObject({
      status: "agent",
      agentId: sato,
      reason: "preferred-agent-busy",
      presence: "verified",
    });
    // Nothing asks Connect: neither presence nor the directory (the roster is the table's).
    expect([...harness.connect.calls.keys()]).toEqual([]);
  });
});
