import {
  BatchGetItemCommand,
  DynamoDBClient,
  GetItemCommand,
  ProvisionedThroughputExceededException,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { agentEvent } from "@connect-affinity/testing/fixtures";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAgentEvent, reduceAgentEvents } from "../../src/agent-events/index.js";
import type { AgentPresenceState } from "../../src/domain/agent-presence-state.js";
import {
  createPresenceTableInput,
  DynamoDbAgentPresence,
  DynamoDbPresenceWriter,
  presenceReservationAttributes,
  presenceWatermarkKey,
} from "../../src/dynamodb/index.js";
import type { Clock } from "../../src/ports/clock.js";
import { type LocalDynamoDb, startLocalDynamoDb } from "../helpers/local-dynamodb.js";

const now = Date.parse("2026-11-24T18:10:00.000Z");
const clock: Clock = { now: () => now };
let local: LocalDynamoDb;
let tableSequence = 0;

beforeAll(async () => {
  local = await startLocalDynamoDb();
});

afterAll(async () => {
  await local.stop();
});

/** A fresh presence table, so tests do not see each other's agents or watermark. */
async function freshTable(): Promise<string> {
  tableSequence += 1;
  const tableName = `presence-${tableSequence}`;
  await local.createTable(createPresenceTableInput(tableName));
  return tableName;
}

function state(overrides: Partial<AgentPresenceState> & { agentId: string }): AgentPresenceState {
  return {
    agentArn: `arn:aws:connect:eu-west-2:111122223333:instance/i-1/agent/${overrides.agentId}`,
    routable: true,
    availableSlots: { VOICE: 1 },
    eventType: "STATE_CHANGE",
    eventAt: now - 1_000,
    routingChange: true,
    ...overrides,
  };
}

async function storedIdleSince(tableName: string, agentId: string): Promise<string | undefined> {
  const { Item } = await local.client.send(
    new GetItemCommand({ TableName: tableName, Key: { agentId: { S: agentId } } }),
  );
  const { idleSince } = Item ?? {};
  return idleSince?.N;
}

describe("DynamoDbPresenceWriter and DynamoDbAgentPresence against dynalite", () => {
  it("serves what the consumer wrote from the event stream", async () => {
    // Prepare
    const tableName = await freshTable();
    const events = [
      agentEvent({ agentId: "a-1", at: "2026-11-24T18:09:00.000Z" }),
      agentEvent({ agentId: "b-2", at: "2026-11-24T18:09:10.000Z", contacts: 1 }),
      agentEvent({ agentId: "c-3", at: "2026-11-24T18:09:20.000Z", eventType: "LOGOUT" }),
    ].flatMap((record) => {
      const parsed = parseAgentEvent(record);
      return parsed.kind === "event" ? [parsed.event] : [];
    });
    const writer = new DynamoDbPresenceWriter({ client: local.client, tableName });
    const presence = new DynamoDbAgentPresence({ client: local.client, tableName, clock });

    // Act
    const summary = await writer.writeAll(reduceAgentEvents(events));
    const lookup = await presence.lookup(["a-1", "b-2", "c-3", "never-seen"]);

    // Assess
    expect(summary).toEqual({ written: 3, refreshed: 0, skipped: 0, superseded: 0, refused: 0 });
    expect(lookup.kind).toBe("known");
    if (lookup.kind !== "known") return;
    expect(lookup.agents.get("a-1")).toEqual({
      routable: true,
      availableSlots: { VOICE: 1, CHAT: 2 },
      idleSince: Date.parse("2026-11-24T17:30:00.000Z"),
    });
    expect(lookup.agents.get("b-2")).toEqual({
      routable: true,
      availableSlots: { VOICE: 0, CHAT: 2 },
    });
    expect(lookup.agents.get("c-3")?.routable).toBe(false);
    expect(lookup.agents.has("never-seen")).toBe(false);
    expect(lookup.observedAt).toBe(Date.parse("2026-11-24T18:09:00.000Z"));
  });

  it("never lets an older event overwrite a newer state", async () => {
    // Prepare
    const tableName = await freshTable();
    const writer = new DynamoDbPresenceWriter({ client: local.client, tableName });
    await writer.writeAll([state({ agentId: "a-1", routable: false, eventAt: now - 1_000 })]);

    // Act
    const outcome = await writer.write(
      state({ agentId: "a-1", routable: true, eventAt: now - 5_000 }),
    );
    const lookup = await new DynamoDbAgentPresence({
      client: local.client,
      tableName,
      clock,
    }).lookup(["a-1"]);

    // Assess
    expect(outcome).toBe("superseded");
    expect(lookup.kind === "known" && lookup.agents.get("a-1")?.routable).toBe(false);
  });

  it("keeps the start of an idle period across batches and clears it when the agent gets busy", async () => {
    // Prepare
    const tableName = await freshTable();
    const writer = new DynamoDbPresenceWriter({ client: local.client, tableName });
    await writer.write(
      state({
        agentId: "a-1",
        eventAt: now - 9_000,
        idle: { since: now - 9_000, basis: "observed" },
      }),
    );

    // Act
    await writer.write(
      state({
        agentId: "a-1",
        eventAt: now - 5_000,
        idle: { since: now - 60_000, basis: "status-start" },
      }),
    );
    const kept = await storedIdleSince(tableName, "a-1");
    await writer.write(state({ agentId: "a-1", eventAt: now - 4_000 }));
    const cleared = await storedIdleSince(tableName, "a-1");
    await writer.write(
      state({
        agentId: "a-1",
        eventAt: now - 3_000,
        idle: { since: now - 60_000, basis: "status-start" },
      }),
    );
    const inferred = await storedIdleSince(tableName, "a-1");

    // Assess
    expect(kept).toBe(String(now - 9_000));
    expect(cleared).toBeUndefined();
    expect(inferred).toBe(String(now - 60_000));
  });

  it("reserves an agent for one contact at a time, until the reservation expires", async () => {
    // Prepare
    const tableName = await freshTable();
    const writer = new DynamoDbPresenceWriter({ client: local.client, tableName });
    await writer.writeAll([state({ agentId: "a-1" })]);
    const presence = new DynamoDbAgentPresence({ client: local.client, tableName, clock });
    const later = new DynamoDbAgentPresence({
      client: local.client,
      tableName,
      clock: { now: () => now + 5_001 },
    });

    // Act
    const first = await presence.reserve("a-1", "c-1", now + 5_000);
    const rival = await presence.reserve("a-1", "c-2", now + 5_000);
    const again = await presence.reserve("a-1", "c-1", now + 5_000);
    const afterExpiry = await later.reserve("a-1", "c-2", now + 10_000);
    const unseen = await presence.reserve("never-seen", "c-1", now + 5_000);
    const { Item: unseenItem } = await local.client.send(
      new GetItemCommand({ TableName: tableName, Key: { agentId: { S: "never-seen" } } }),
    );

    // Assess
    expect([first, rival, again, afterExpiry, unseen]).toEqual([
      "reserved",
      "taken",
      "reserved",
      "reserved",
      "taken",
    ]);
    expect(unseenItem).toBeUndefined();
    expect(presence.stats()).toMatchObject({ reservations: 2, reservationsTaken: 2 });
  });

  it("keeps a reservation when the consumer writes the agent's next event", async () => {
    // Prepare
    const tableName = await freshTable();
    const writer = new DynamoDbPresenceWriter({ client: local.client, tableName });
    await writer.writeAll([state({ agentId: "a-1", eventAt: now - 2_000 })]);
    const presence = new DynamoDbAgentPresence({ client: local.client, tableName, clock });
    await presence.reserve("a-1", "c-1", now + 5_000);

    // Act
    await writer.writeAll([
      state({
        agentId: "a-1",
        eventAt: now - 1_000,
        idle: { since: now - 1_000, basis: "observed" },
      }),
    ]);
    await writer.writeAll([state({ agentId: "a-1", eventAt: now - 500 })]);
    const lookup = await presence.lookup(["a-1"]);

    // Assess
    expect(lookup.kind === "known" && lookup.agents.get("a-1")).toEqual({
      routable: true,
      availableSlots: { VOICE: 1 },
      reservedUntil: now + 5_000,
      reservedBy: "c-1",
      reservedAt: now,
    });
  });

  it("lets another contact reserve an agent who became idle again after the reservation", async () => {
    // Prepare
    const tableName = await freshTable();
    const writer = new DynamoDbPresenceWriter({ client: local.client, tableName });
    await writer.writeAll([state({ agentId: "a-1", eventAt: now - 2_000 })]);
    const early = new DynamoDbAgentPresence({
      client: local.client,
      tableName,
      clock: { now: () => now - 1_500 },
    });
    await early.reserve("a-1", "c-1", now + 5_000);
    // The agent took c-1 and finished it: idle again since after the reservation.
    await writer.writeAll([
      state({ agentId: "a-1", eventAt: now - 500, idle: { since: now - 500, basis: "observed" } }),
    ]);
    const presence = new DynamoDbAgentPresence({ client: local.client, tableName, clock });

    // Act: as the router does, with the idle period its lookup saw.
    const outcome = await presence.reserve("a-1", "c-2", now + 5_000, { idleSince: now - 500 });

    // Assess
    expect(outcome).toBe("reserved");
  });

  it("reserves naming only the reservation's attributes, so IAM can allow it no more", async () => {
    // Prepare
    const client = mockClient(DynamoDBClient);
    client.on(UpdateItemCommand).resolves({});
    const presence = new DynamoDbAgentPresence({
      client: client as unknown as DynamoDBClient,
      tableName: "presence",
      clock,
    });

    // Act
    await presence.reserve("a-1", "c-1", now + 5_000, { idleSince: now - 500 });

    // Assess
    const [call] = client.commandCalls(UpdateItemCommand);
    const { UpdateExpression = "", ConditionExpression = "" } = call?.args[0].input ?? {};
    const keywords = new Set([
      "SET",
      "AND",
      "OR",
      "NOT",
      "attribute_exists",
      "attribute_not_exists",
    ]);
    const named = new Set(
      `${UpdateExpression} ${ConditionExpression}`
        .match(/(?<![:\w])[A-Za-z_]\w*/g)
        ?.filter((word) => !keywords.has(word)),
    );
    expect([...named].sort()).toEqual([...presenceReservationAttributes].sort());
    client.restore();
  });

  it("answers unknown, stale, until the consumer has written a watermark", async () => {
    // Prepare
    const tableName = await freshTable();
    const writer = new DynamoDbPresenceWriter({ client: local.client, tableName });
    await writer.write(state({ agentId: "a-1" }));
    const presence = new DynamoDbAgentPresence({ client: local.client, tableName, clock });

    // Act
    const lookup = await presence.lookup(["a-1"]);

    // Assess
    expect(lookup).toMatchObject({ kind: "unknown", reason: "stale" });
  });

  it("answers unknown, stale, when the stream has not been read for longer than maxAgeMs", async () => {
    // Prepare
    const tableName = await freshTable();
    const writer = new DynamoDbPresenceWriter({ client: local.client, tableName });
    await writer.writeAll([state({ agentId: "a-1", eventAt: now - 200_000 })]);
    const presence = new DynamoDbAgentPresence({
      client: local.client,
      tableName,
      clock,
      maxAgeMs: 180_000,
    });

    // Act
    const lookup = await presence.lookup(["a-1"]);

    // Assess
    expect(lookup).toMatchObject({ kind: "unknown", reason: "stale" });
  });

  it("counts a routable agent without a recent heartbeat as unknown, and trusts an old logout", async () => {
    // Prepare
    const tableName = await freshTable();
    const writer = new DynamoDbPresenceWriter({ client: local.client, tableName });
    const fresh = Array.from({ length: 9 }, (_, index) => state({ agentId: `fresh-${index}` }));
    await writer.writeAll([
      ...fresh,
      state({ agentId: "silent", eventAt: now - 600_000 }),
      state({ agentId: "gone", routable: false, eventType: "LOGOUT", eventAt: now - 7_200_000 }),
    ]);
    const presence = new DynamoDbAgentPresence({ client: local.client, tableName, clock });

    // Act
    const tolerated = await presence.lookup([...fresh.map((s) => s.agentId), "silent", "gone"]);
    const tooMany = await presence.lookup(["fresh-0", "silent"]);

    // Assess
    expect(tolerated.kind).toBe("known");
    if (tolerated.kind === "known") {
      expect(tolerated.agents.has("silent")).toBe(false);
      expect(tolerated.agents.get("gone")?.routable).toBe(false);
      expect(tolerated.agents.size).toBe(10);
      // Named as stale, so a returning caller's agent among them is offered unverified.
      expect([...(tolerated.stale ?? [])]).toEqual(["silent"]);
    }
    expect(tooMany).toMatchObject({ kind: "unknown", reason: "stale" });
  });

  it("reads 250 agents in batches of at most 100 keys", async () => {
    // Prepare
    const tableName = await freshTable();
    const writer = new DynamoDbPresenceWriter({ client: local.client, tableName });
    const states = Array.from({ length: 250 }, (_, index) => state({ agentId: `agent-${index}` }));
    await writer.writeAll(states);
    const presence = new DynamoDbAgentPresence({ client: local.client, tableName, clock });

    // Act
    const lookup = await presence.lookup(states.map((s) => s.agentId));

    // Assess
    expect(lookup.kind === "known" && lookup.agents.size).toBe(250);
    // 251 keys with the watermark: 3 requests.
    expect(presence.stats().batchGets).toBe(3);
  });
});

describe("presence and time from the future", () => {
  const farFuture = Date.parse("2999-01-01T00:00:00.000Z");

  it("refuses a state from the future and one that names the watermark's item", async () => {
    // Prepare
    const tableName = await freshTable();
    const writer = new DynamoDbPresenceWriter({ client: local.client, tableName, clock });

    // Act
    const summary = await writer.writeAll([
      state({ agentId: "a-1", eventAt: farFuture }),
      state({ agentId: presenceWatermarkKey, eventAt: now - 1_000 }),
    ]);

    // Assess
    expect(summary).toEqual({ written: 0, refreshed: 0, skipped: 0, superseded: 0, refused: 2 });
    expect(await local.scan(tableName)).toEqual([]);
  });

  it("replaces a stored state and watermark from the future with the next real ones", async () => {
    // Prepare
    const tableName = await freshTable();
    const poisoned = new DynamoDbPresenceWriter({
      client: local.client,
      tableName,
      clock: { now: () => farFuture },
    });
    await poisoned.writeAll([state({ agentId: "a-1", routable: true, eventAt: farFuture })]);
    const writer = new DynamoDbPresenceWriter({ client: local.client, tableName, clock });
    const presence = new DynamoDbAgentPresence({ client: local.client, tableName, clock });

    // Act
    const before = await presence.lookup(["a-1"]);
    const summary = await writer.writeAll([
      state({ agentId: "a-1", routable: false, eventAt: now - 1_000 }),
    ]);
    const after = await presence.lookup(["a-1"]);

    // Assess
    expect(before).toMatchObject({ kind: "unknown", reason: "stale" });
    expect(summary).toEqual({ written: 1, refreshed: 0, skipped: 0, superseded: 0, refused: 0 });
    expect(after.kind === "known" && after.agents.get("a-1")?.routable).toBe(false);
  });
});

describe("DynamoDbAgentPresence against a mocked client", () => {
  const client = new DynamoDBClient({
    region: "eu-west-2",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  const dynamo = mockClient(client);
  const watermark = { agentId: { S: presenceWatermarkKey }, eventAt: { N: String(now) } };
  const item = (agentId: string) => ({
    agentId: { S: agentId },
    routable: { BOOL: true },
    slots: { M: { VOICE: { N: "1" } } },
    eventType: { S: "STATE_CHANGE" },
    eventAt: { N: String(now - 1_000) },
  });

  it("asks again for the keys DynamoDB left unprocessed", async () => {
    // Prepare
    dynamo.reset();
    dynamo
      .on(BatchGetItemCommand)
      .resolvesOnce({
        Responses: { presence: [watermark, item("a-1")] },
        UnprocessedKeys: { presence: { Keys: [{ agentId: { S: "b-2" } }] } },
      })
      .resolvesOnce({ Responses: { presence: [item("b-2")] } });
    const presence = new DynamoDbAgentPresence({ client, tableName: "presence", clock });

    // Act
    const lookup = await presence.lookup(["a-1", "b-2"]);

    // Assess
    const retry = dynamo.commandCalls(BatchGetItemCommand)[1]?.args[0].input;
    const { presence: retried } = retry?.RequestItems ?? {};
    expect(retried?.Keys).toEqual([{ agentId: { S: "b-2" } }]);
    expect(lookup.kind === "known" && [...lookup.agents.keys()].sort()).toEqual(["a-1", "b-2"]);
  });

  it("rejects a reservation DynamoDB throttles, so the router can report it and offer anyway", async () => {
    // Prepare
    dynamo.reset();
    dynamo
      .on(UpdateItemCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: "slow down", $metadata: {} }));
    const presence = new DynamoDbAgentPresence({ client, tableName: "presence", clock });

    // Act
    const reserving = presence.reserve("a-1", "c-1", now + 5_000);

    // Assess
    await expect(reserving).rejects.toThrow(ProvisionedThroughputExceededException);
  });

  it("answers unknown, throttled, when DynamoDB throttles, and never rejects", async () => {
    // Prepare
    dynamo.reset();
    dynamo
      .on(BatchGetItemCommand)
      .rejects(new ProvisionedThroughputExceededException({ message: "slow down", $metadata: {} }));
    const presence = new DynamoDbAgentPresence({ client, tableName: "presence", clock });

    // Act
    const lookup = await presence.lookup(["a-1"]);

    // Assess
    expect(lookup).toMatchObject({ kind: "unknown", reason: "throttled" });
  });
});
