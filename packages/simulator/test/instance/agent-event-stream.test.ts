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
    expect(stream.stats()).toEqual({ batches: 2, failedBatches: 1 });
    stream.stop();
  });
});
