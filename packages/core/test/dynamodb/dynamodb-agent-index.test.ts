import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { agentEvent } from "@connect-affinity/testing/fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAgentEvent, reduceAgentEvents } from "../../src/agent-events/index.js";
import { shardOf } from "../../src/domain/agent-index-layout.js";
import type { AgentPresenceState } from "../../src/domain/agent-presence-state.js";
import {
  createPresenceTableInput,
  DynamoDbAgentIndex,
  DynamoDbPresenceWriter,
  presenceWatermarkKey,
} from "../../src/dynamodb/index.js";
import type { Clock } from "../../src/ports/clock.js";
import { type LocalDynamoDb, startLocalDynamoDb } from "../helpers/local-dynamodb.js";

let now = Date.parse("2026-11-24T18:10:00.000Z");
/** One attribute of a stored item, by name. */
function attribute(
  item: Record<string, AttributeValue> | undefined,
  name: string,
): AttributeValue | undefined {
  return item?.[name];
}

const clock: Clock = { now: () => now };
let local: LocalDynamoDb;
let tableSequence = 0;

beforeAll(async () => {
  local = await startLocalDynamoDb();
});

afterAll(async () => {
  await local.stop();
});

async function freshTable(): Promise<string> {
  tableSequence += 1;
  const tableName = `agents-${tableSequence}`;
  await local.createTable(createPresenceTableInput(tableName));
  return tableName;
}

/** The client, with every command it sends counted by name. */
function counted(client: DynamoDBClient): { client: DynamoDBClient; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const proxy = new Proxy(client, {
    get(target, property, receiver) {
      if (property !== "send") return Reflect.get(target, property, receiver);
      return (command: { constructor: { name: string } }, ...rest: unknown[]) => {
        const name = command.constructor.name.replace(/Command$/, "");
        counts.set(name, (counts.get(name) ?? 0) + 1);
        return (target.send as (...args: unknown[]) => unknown)(command, ...rest);
      };
    },
  });
  return { client: proxy, counts };
}

const arnOf = (agentId: string): string =>
  `arn:aws:connect:eu-west-2:111122223333:instance/i-1/agent/${agentId}`;

function idle(agentId: string, since: number, overrides: Partial<AgentPresenceState> = {}) {
  return {
    agentId,
    agentArn: arnOf(agentId),
    routable: true,
    availableSlots: { VOICE: 1 },
    idle: { since, basis: "observed" as const },
    eventType: "STATE_CHANGE" as const,
    eventAt: since,
    listed: true,
    routingChange: true,
    ...overrides,
  } satisfies AgentPresenceState;
}

function onCall(agentId: string, at: number, routingChange = true): AgentPresenceState {
  return {
    agentId,
    agentArn: arnOf(agentId),
    routable: true,
    availableSlots: { VOICE: 0 },
    eventType: "STATE_CHANGE",
    eventAt: at,
    listed: true,
    routingChange,
  };
}

async function stored(tableName: string, agentId: string) {
  const { Item } = await local.client.send(
    new GetItemCommand({
      TableName: tableName,
      Key: { agentId: { S: agentId } },
      ConsistentRead: true,
    }),
  );
  return Item;
}

describe("the agent index on the presence table", () => {
  it("holds the free agents in their shard, longest idle first, and leaves the busy ones out", async () => {
    // Prepare
    const tableName = await freshTable();
    const writer = new DynamoDbPresenceWriter({ client: local.client, tableName, shards: 1 });
    const index = new DynamoDbAgentIndex({ client: local.client, tableName, clock });
    await writer.writeAll([
      idle("a-recent", now - 10_000),
      idle("b-longest", now - 90_000),
      onCall("c-busy", now - 5_000),
      idle("d-unlisted", now - 95_000, { listed: false }),
      idle("e-break", now - 99_000, { routable: false, availableSlots: {} }),
    ]);

    // Act
    const status = await index.status();
    const shard = await index.available("VOICE", 0, 20);
    const limited = await index.available("VOICE", 0, 1);

    // Assess
    expect(status).toEqual({
      kind: "ready",
      shards: 1,
      channels: ["VOICE"],
      current: true,
      rosterComplete: false,
    });
    expect(shard).toEqual({
      kind: "known",
      agents: [
        {
          agent: { id: "b-longest", arn: arnOf("b-longest") },
          availability: { routable: true, availableSlots: { VOICE: 1 }, idleSince: now - 90_000 },
        },
        {
          agent: { id: "a-recent", arn: arnOf("a-recent") },
          availability: { routable: true, availableSlots: { VOICE: 1 }, idleSince: now - 10_000 },
        },
      ],
    });
    expect(limited.kind === "known" && limited.agents.map((entry) => entry.agent.id)).toEqual([
      "b-longest",
    ]);
  });

  it("spreads agents over the shards the writer publishes", async () => {
    // Prepare
    const tableName = await freshTable();
    const writer = new DynamoDbPresenceWriter({ client: local.client, tableName, shards: 4 });
    const index = new DynamoDbAgentIndex({ client: local.client, tableName, clock });
    const ids = Array.from({ length: 24 }, (_, n) => `agent-${n}`);
    await writer.writeAll(ids.map((id, n) => idle(id, now - n * 1_000)));

    // Act
    const shards = await Promise.all(
      [0, 1, 2, 3].map((shard) => index.available("VOICE", shard, 20)),
    );

    // Assess
    const found = shards.flatMap((lookup, shard) =>
      lookup.kind === "known" ? lookup.agents.map((entry) => [entry.agent.id, shard] as const) : [],
    );
    expect(found).toHaveLength(24);
    for (const [id, shard] of found) expect(shardOf(id, 4)).toBe(shard);
    expect(new Set(found.map(([, shard]) => shard)).size).toBeGreaterThan(1);
  });

  it("takes a reserved agent out of the index, and refuses them to every other contact", async () => {
    // Prepare
    const tableName = await freshTable();
    const writer = new DynamoDbPresenceWriter({ client: local.client, tableName, shards: 1 });
    const index = new DynamoDbAgentIndex({ client: local.client, tableName, clock });
    await writer.writeAll([idle("a-1", now - 60_000)]);

    // Act
    const first = await index.reserve("a-1", "contact-1", now + 5_000, "VOICE");
    const again = await index.reserve("a-1", "contact-1", now + 5_000, "VOICE");
    const other = await index.reserve("a-1", "contact-2", now + 5_000, "VOICE");
    const unknown = await index.reserve("nobody", "contact-4", now + 5_000, "VOICE");
    const shard = await index.available("VOICE", 0, 20);

    // Assess
    expect([first, again, other, unknown]).toEqual(["reserved", "reserved", "taken", "taken"]);
    expect(shard).toEqual({ kind: "known", agents: [] });
    expect(index.stats()).toMatchObject({ reservations: 2, reservationsTaken: 2 });
  });

  it("lets the next contact have an agent whose reservation expired, or who served it and is idle again", async () => {
    // Prepare
    const tableName = await freshTable();
    const writer = new DynamoDbPresenceWriter({ client: local.client, tableName, shards: 1 });
    const index = new DynamoDbAgentIndex({ client: local.client, tableName, clock });
    await writer.writeAll([idle("a-1", now - 60_000), idle("b-2", now - 60_000)]);
    await index.reserve("a-1", "contact-1", now + 5_000, "VOICE");
    await index.reserve("b-2", "contact-2", now + 5_000, "VOICE");

    // Act: a-1's contact never reached them; b-2 took theirs and is idle again.
    await writer.writeAll([onCall("b-2", now + 1_000), idle("b-2", now + 3_000)]);
    const served = await index.available("VOICE", 0, 20);
    now += 10_000;
    const expired = await index.reserve("a-1", "contact-3", now + 5_000, "VOICE");
    const idleAgain = await index.reserve("b-2", "contact-4", now + 5_000, "VOICE");

    // Assess
    expect(served.kind === "known" && served.agents.map((entry) => entry.agent.id)).toEqual([
      "b-2",
    ]);
    expect(expired).toBe("reserved");
    expect(idleAgain).toBe("reserved");
  });

  it("does not put an agent back in the index while a reservation of this free spell holds them", async () => {
    // Prepare
    const tableName = await freshTable();
    const writer = new DynamoDbPresenceWriter({
      client: local.client,
      tableName,
      shards: 1,
      clock,
    });
    const index = new DynamoDbAgentIndex({ client: local.client, tableName, clock });
    await writer.writeAll([idle("a-1", now - 60_000)]);
    await index.reserve("a-1", "contact-1", now + 5_000, "VOICE");

    // Act: an event that changes routing facts but not the idle spell (a chat slot opens).
    const outcome = await writer.write(
      idle("a-1", now - 60_000, { eventAt: now + 1_000, availableSlots: { VOICE: 1, CHAT: 1 } }),
    );
    const shard = await index.available("VOICE", 0, 20);

    // Assess
    expect(outcome).toBe("written");
    expect(shard).toEqual({ kind: "known", agents: [] });
    expect(attribute(await stored(tableName, "a-1"), "slots")?.M).toMatchObject({
      CHAT: { N: "1" },
    });
  });

  it("answers one agent's entry with a single read: listed with presence, unlisted, or unknown", async () => {
    // Prepare
    const tableName = await freshTable();
    const writer = new DynamoDbPresenceWriter({ client: local.client, tableName, shards: 1 });
    const { client, counts } = counted(local.client);
    const index = new DynamoDbAgentIndex({ client, tableName, clock });
    await writer.writeAll([
      idle("a-1", now - 60_000),
      idle("b-gone", now - 60_000, { listed: false }),
    ]);
    await local.client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { agentId: { S: "c-never-seen" } },
        UpdateExpression: "SET listed = :true, agentArn = :arn",
        ExpressionAttributeValues: {
          ":true": { BOOL: true },
          ":arn": { S: arnOf("c-never-seen") },
        },
      }),
    );

    // Act
    const listed = await index.agent("a-1");
    const unlisted = await index.agent("b-gone");
    const neverSeen = await index.agent("c-never-seen");
    const missing = await index.agent("d-missing");
    const watermark = await index.agent(presenceWatermarkKey);

    // Assess
    expect(listed).toEqual({
      kind: "listed",
      agent: { id: "a-1", arn: arnOf("a-1") },
      availability: { routable: true, availableSlots: { VOICE: 1 }, idleSince: now - 60_000 },
    });
    expect(unlisted).toEqual({ kind: "unlisted" });
    expect(neverSeen).toEqual({
      kind: "listed",
      agent: { id: "c-never-seen", arn: arnOf("c-never-seen") },
      availability: { routable: false, availableSlots: {} },
    });
    // The roster was never reconciled: an agent missing from the table may still exist.
    expect(missing).toMatchObject({ kind: "unknown", reason: "stale" });
    expect(watermark).toEqual({ kind: "unlisted" });
    // One GetItem per agent, plus one status read for the missing one.
    expect(counts.get("GetItem")).toBe(5);
  });

  it("calls a routable agent's presence unknown once it is older than itemMaxAgeMs", async () => {
    // Prepare
    const tableName = await freshTable();
    const writer = new DynamoDbPresenceWriter({ client: local.client, tableName, shards: 1 });
    const index = new DynamoDbAgentIndex({
      client: local.client,
      tableName,
      clock,
      itemMaxAgeMs: 60_000,
    });
    await writer.writeAll([idle("a-1", now - 120_000)]);

    // Act
    const entry = await index.agent("a-1");

    // Assess
    expect(entry).toEqual({ kind: "listed", agent: { id: "a-1", arn: arnOf("a-1") } });
  });

  it("reads the status once per statusTtlMs, and says when the stream is behind", async () => {
    // Prepare
    const tableName = await freshTable();
    const writer = new DynamoDbPresenceWriter({ client: local.client, tableName, shards: 2 });
    const index = new DynamoDbAgentIndex({
      client: local.client,
      tableName,
      clock,
      maxAgeMs: 60_000,
      statusTtlMs: 5_000,
    });
    const before = await index.status();
    await writer.writeAll([idle("a-1", now - 1_000)]);

    // Act
    const cached = await index.status();
    now += 5_000;
    const read = await index.status();
    now += 120_000;
    const behind = await index.status();

    // Assess
    expect(before).toMatchObject({ kind: "unknown", reason: "stale" });
    expect(cached).toEqual(before);
    expect(read).toMatchObject({ kind: "ready", shards: 2, current: true });
    expect(behind).toMatchObject({ kind: "ready", current: false });
    expect(index.stats().statusReads).toBe(3);
  });
});

describe("the writes one contact costs on the presence table", () => {
  it("is a reservation and the agent's two state changes; heartbeats and after-contact work write nothing", async () => {
    // Prepare: agent a-1 idle and indexed, as the consumer left them.
    const tableName = await freshTable();
    const writes = counted(local.client);
    const reads = counted(local.client);
    const writer = new DynamoDbPresenceWriter({ client: writes.client, tableName, shards: 1 });
    const index = new DynamoDbAgentIndex({ client: reads.client, tableName, clock });
    await writer.writeAll([idle("a-1", now - 60_000)]);
    await index.status();
    writes.counts.clear();
    reads.counts.clear();

    // Act: a route finds and reserves a-1; the call connects, moves to after-contact work, the
    // agent hears heartbeats, then is idle again.
    const shard = await index.available("VOICE", 0, 20);
    const reserved = await index.reserve("a-1", "contact-1", now + 5_000, "VOICE");
    const connected = await writer.write(onCall("a-1", now + 2_000));
    const afterWork = await writer.write(onCall("a-1", now + 60_000, false));
    const heartbeat = await writer.write({
      ...onCall("a-1", now + 180_000, false),
      eventType: "HEART_BEAT",
    });
    const free = await writer.write(idle("a-1", now + 240_000));

    // Assess
    expect(shard.kind === "known" && shard.agents).toHaveLength(1);
    expect(reserved).toBe("reserved");
    expect([connected, afterWork, heartbeat, free]).toEqual([
      "written",
      "skipped",
      "skipped",
      "written",
    ]);
    expect(Object.fromEntries(writes.counts)).toEqual({ UpdateItem: 2 });
    expect(Object.fromEntries(reads.counts)).toEqual({ Query: 1, UpdateItem: 1 });
    const item = await stored(tableName, "a-1");
    expect(attribute(item, "availVOICE")).toEqual({ S: "0" });
    expect(attribute(item, "readySince")).toEqual({ N: String(now + 240_000) });
  });

  it("refreshes an unchanged agent's times every refreshSeconds without touching the index keys", async () => {
    // Prepare
    const tableName = await freshTable();
    const { client, counts } = counted(local.client);
    const writer = new DynamoDbPresenceWriter({
      client,
      tableName,
      shards: 1,
      refreshSeconds: 600,
    });
    await writer.writeAll([idle("a-1", now - 60_000)]);
    counts.clear();
    const heartbeat = (at: number): AgentPresenceState => ({
      ...idle("a-1", now - 60_000),
      eventType: "HEART_BEAT",
      eventAt: at,
      routingChange: false,
    });

    // Act
    const soon = await writer.write(heartbeat(now + 120_000));
    const later = await writer.write(heartbeat(now + 600_000));

    // Assess
    expect([soon, later]).toEqual(["skipped", "refreshed"]);
    expect(Object.fromEntries(counts)).toEqual({ UpdateItem: 1 });
    const item = await stored(tableName, "a-1");
    expect(attribute(item, "eventAt")).toEqual({ N: String(now + 600_000) });
    expect(attribute(item, "readySince")).toEqual({ N: String(now - 60_000) });
  });

  it("repairs, at its next refresh, an item a missed event left disagreeing with the stream", async () => {
    // Prepare: another container wrote a-1 busy; this one last saw them idle.
    const tableName = await freshTable();
    const writer = new DynamoDbPresenceWriter({
      client: local.client,
      tableName,
      shards: 1,
      refreshSeconds: 600,
    });
    const other = new DynamoDbPresenceWriter({ client: local.client, tableName, shards: 1 });
    await writer.writeAll([idle("a-1", now - 60_000)]);
    await other.writeAll([onCall("a-1", now - 30_000)]);

    // Act: heartbeats that say idle (the free event went missing), before and after the refresh.
    const heartbeat = (at: number): AgentPresenceState => ({
      ...idle("a-1", now - 60_000),
      eventType: "HEART_BEAT",
      eventAt: at,
      routingChange: false,
    });
    const early = await writer.write(heartbeat(now));
    const outcome = await writer.write(heartbeat(now + 600_000));
    const fresh = await new DynamoDbPresenceWriter({
      client: local.client,
      tableName,
      shards: 1,
    }).write(heartbeat(now + 601_000));

    // Assess
    expect(early).toBe("skipped");
    expect(outcome).toBe("written");
    expect(fresh).toBe("refreshed");
    expect(attribute(await stored(tableName, "a-1"), "availVOICE")).toEqual({ S: "0" });
  });

  it("never writes a table item an event names, and indexes only the channels it keeps", async () => {
    // Prepare
    const tableName = await freshTable();
    const writer = new DynamoDbPresenceWriter({
      client: local.client,
      tableName,
      shards: 1,
      channels: ["CHAT"],
    });

    // Act
    const watermark = await writer.write(idle(presenceWatermarkKey, now));
    await writer.writeAll([idle("a-1", now - 1_000, { availableSlots: { VOICE: 1, CHAT: 2 } })]);
    const item = await stored(tableName, "a-1");

    // Assess
    expect(watermark).toBe("refused");
    expect(attribute(item, "availCHAT")).toEqual({ S: "0" });
    expect(attribute(item, "availVOICE")).toBeUndefined();
    expect(attribute(await stored(tableName, presenceWatermarkKey), "indexedChannels")).toEqual({
      S: "CHAT",
    });
  });

  it("keeps the stream's filter: an agent outside it is stored but never indexed", async () => {
    // Prepare
    const tableName = await freshTable();
    const writer = new DynamoDbPresenceWriter({ client: local.client, tableName, shards: 1 });
    const index = new DynamoDbAgentIndex({ client: local.client, tableName, clock });
    const events = [
      agentEvent({
        agentId: "in-sales",
        routingProfileId: "rp-sales",
        at: "2026-11-24T18:09:00.000Z",
      }),
      agentEvent({
        agentId: "in-support",
        routingProfileId: "rp-support",
        at: "2026-11-24T18:09:00.000Z",
      }),
    ].flatMap((record) => {
      const parsed = parseAgentEvent(record);
      return parsed.kind === "event" ? [parsed.event] : [];
    });

    // Act
    await writer.writeAll(
      reduceAgentEvents(events, { filter: { routingProfileIds: ["rp-sales"] } }),
    );
    const shard = await index.available("VOICE", 0, 20);
    const support = await index.agent("in-support");

    // Assess
    expect(shard.kind === "known" && shard.agents.map((entry) => entry.agent.id)).toEqual([
      "in-sales",
    ]);
    expect(support).toEqual({ kind: "unlisted" });
  });
});

describe("the consumer after the roster refresher", () => {
  it("writes presence onto an entry the refresher created before the stream saw the agent", async () => {
    // Prepare
    const tableName = await freshTable();
    await local.client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { agentId: { S: "a-1" } },
        UpdateExpression: "SET listed = :true, agentArn = :arn",
        ExpressionAttributeValues: { ":true": { BOOL: true }, ":arn": { S: arnOf("a-1") } },
      }),
    );
    const writer = new DynamoDbPresenceWriter({
      client: local.client,
      tableName,
      shards: 1,
      clock,
    });
    const index = new DynamoDbAgentIndex({ client: local.client, tableName, clock });

    // Act: the first the stream says of them is a heartbeat (the consumer just started).
    const summary = await writer.writeAll([
      { ...idle("a-1", now - 60_000), eventType: "HEART_BEAT", routingChange: false },
      onCall("b-1", now - 1_000),
    ]);
    const shard = await index.available("VOICE", 0, 20);

    // Assess
    expect(summary).toEqual({ written: 2, refreshed: 0, skipped: 0, superseded: 0, refused: 0 });
    expect(shard.kind === "known" && shard.agents.map((entry) => entry.agent.id)).toEqual(["a-1"]);
  });
});
