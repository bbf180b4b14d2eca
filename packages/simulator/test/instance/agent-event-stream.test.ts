import { describe, expect, it } from "vitest";
import { AgentFloor } from "../../src/agents/agent-floor.js";
import { SimulatedClock } from "../../src/clock/simulated-clock.js";
import { AgentEventStream } from "../../src/instance/agent-event-stream.js";

interface KinesisBatch {
  readonly Records: readonly {
    readonly kinesis: { readonly data: string; readonly sequenceNumber: string };
  }[];
}

const eventsOf = (
  batch: unknown,
): readonly { readonly EventType: string; readonly AgentARN: string }[] =>
  (batch as KinesisBatch).Records.map((record) =>
    JSON.parse(Buffer.from(record.kinesis.data, "base64").toString("utf8")),
  );

function setUp(consumer: (batch: unknown) => Promise<unknown>) {
  const clock = new SimulatedClock();
  const floor = new AgentFloor({
    clock,
    instanceId: "11111111-2222-4333-8444-555555555555",
    region: "ap-northeast-1",
    accountId: "123456789012",
    agents: [{ username: "sato" }, { username: "suzuki" }],
  });
  const stream = new AgentEventStream({ floor, consumer, startMs: clock.now(), pollMs: 1000 });
  return { clock, floor, stream };
}

describe("AgentEventStream", () => {
  it("delivers the logged-in agents first, then each poll's new events as one Kinesis batch", async () => {
    // Prepare
    const batches: unknown[] = [];
    const { clock, floor, stream } = setUp(async (batch) => {
      batches.push(batch);
      return { batchItemFailures: [] };
    });

    // Act
    await stream.deliverDue(clock.now());
    const sato = floor.list()[0];
    floor.assign(sato?.id ?? "", { contactId: "c1", channel: "VOICE", durationMs: 60_000 });
    await stream.deliverDue(clock.now() + 500);
    clock.advanceBy(1000);
    await stream.deliverDue(clock.now());

    // Assess
    expect(batches).toHaveLength(2);
    expect(eventsOf(batches[0]).map((event) => event.EventType)).toEqual([
      "HEART_BEAT",
      "HEART_BEAT",
    ]);
    expect(eventsOf(batches[1])).toEqual([
      expect.objectContaining({ EventType: "STATE_CHANGE", AgentARN: sato?.agentArn }),
    ]);
    stream.stop();
  });

  it("delivers a batch the consumer failed again at the next poll, before newer events", async () => {
    // Prepare
    const batches: unknown[] = [];
    let fail = true;
    const { clock, floor, stream } = setUp(async (batch) => {
      batches.push(batch);
      if (fail) {
        fail = false;
        return { batchItemFailures: [{ itemIdentifier: "1" }] };
      }
      return { batchItemFailures: [] };
    });

    // Act
    await stream.deliverDue(clock.now());
    floor.setStatus(floor.list()[1]?.id ?? "", "Break");
    clock.advanceBy(1000);
    await stream.deliverDue(clock.now());

    // Assess
    expect(eventsOf(batches[1]).map((event) => event.EventType)).toEqual([
      "HEART_BEAT",
      "HEART_BEAT",
      "STATE_CHANGE",
    ]);
    expect(stream.stats()).toMatchObject({ batches: 2, failedBatches: 1, records: 3 });
    stream.stop();
  });

  it("hands a poll's records over in batches of at most batchSize, one invocation each", async () => {
    // Prepare
    const batches: unknown[] = [];
    const clock = new SimulatedClock();
    const floor = new AgentFloor({
      clock,
      instanceId: "11111111-2222-4333-8444-555555555555",
      region: "ap-northeast-1",
      accountId: "123456789012",
      agents: Array.from({ length: 5 }, (_, index) => ({ username: `agent-${index}` })),
    });
    const stream = new AgentEventStream({
      floor,
      consumer: async (batch) => {
        batches.push(batch);
        return { batchItemFailures: [] };
      },
      startMs: clock.now(),
      batchSize: 2,
    });

    // Act
    await stream.deliverDue(clock.now());

    // Assess
    expect(batches.map((batch) => eventsOf(batch).length)).toEqual([2, 2, 1]);
    expect(stream.stats()).toMatchObject({ batches: 3, records: 5, heartbeats: 5 });
    stream.stop();
  });

  it("delivers a record once its delivery delay has passed, an agent's records in order", async () => {
    // Prepare
    const batches: unknown[] = [];
    const clock = new SimulatedClock();
    const floor = new AgentFloor({
      clock,
      instanceId: "11111111-2222-4333-8444-555555555555",
      region: "ap-northeast-1",
      accountId: "123456789012",
      agents: [{ username: "sato" }, { username: "suzuki" }],
    });
    const delays = [3000, 500, 100];
    const stream = new AgentEventStream({
      floor,
      consumer: async (batch) => {
        batches.push(batch);
        return { batchItemFailures: [] };
      },
      startMs: clock.now(),
      deliveryDelayMs: () => delays.shift() ?? 0,
    });
    await stream.deliverDue(clock.now());
    const [sato, suzuki] = floor.list();

    // Act: sato's call (3 s delay), suzuki's break (0.5 s), then sato's call ends (0.1 s drawn)
    floor.assign(sato?.id ?? "", { contactId: "c1", channel: "VOICE", durationMs: 1000 });
    floor.setStatus(suzuki?.id ?? "", "Break");
    clock.advanceBy(1000);
    await stream.deliverDue(clock.now());
    clock.advanceBy(1000);
    await stream.deliverDue(clock.now());
    clock.advanceBy(1000);
    await stream.deliverDue(clock.now());

    // Assess: suzuki's event at 1 s; sato's two together at 3 s, the end not before the start
    const delivered = batches
      .slice(1)
      .map((batch) =>
        eventsOf(batch).map((event) => (event.AgentARN === sato?.agentArn ? "sato" : "suzuki")),
      );
    expect(delivered).toEqual([["suzuki"], ["sato", "sato"]]);
    stream.stop();
  });

  it("counts one PUT payload unit per record under 25 KB, and starts afresh on resetStats", async () => {
    // Prepare
    const { clock, floor, stream } = setUp(async () => ({ batchItemFailures: [] }));

    // Act
    const before = stream.stats();
    stream.resetStats();
    floor.setStatus(floor.list()[0]?.id ?? "", "Break");
    await stream.deliverDue(clock.now());

    // Assess
    expect(before).toMatchObject({ records: 2, heartbeats: 2, putPayloadUnits: 2 });
    expect(stream.stats()).toEqual({
      records: 1,
      heartbeats: 0,
      putPayloadUnits: 1,
      batches: 1,
      failedBatches: 0,
    });
    stream.stop();
  });
});
