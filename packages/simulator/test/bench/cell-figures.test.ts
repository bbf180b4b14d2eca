import { describe, expect, it } from "vitest";
import { benchSettings } from "../../src/bench/bench-grid.js";
import { cellFigures } from "../../src/bench/cell-figures.js";
import type { FunctionTotals } from "../../src/bench/cell-meters.js";
import type { ContactRecord } from "../../src/bench/contact-record.js";
import type { CellRun, StreamCounts } from "../../src/bench/run-cell.js";
import { defaultTrafficModel, plannedLoad, type TrafficSpec } from "../../src/bench/traffic.js";

const spec: TrafficSpec = {
  seed: 1,
  agents: 20_000,
  ratePerSecond: 200,
  durationMs: 10_000,
  model: defaultTrafficModel,
};

const answered = (index: number): ContactRecord => ({
  call: {
    contactId: `contact-${index}`,
    atMs: index,
    number: `+8190000000${index}`,
    talkTimeMs: 60_000,
    afterContactWorkMs: 5000,
    kind: "new",
    measured: true,
  },
  verdict: { judged: false, reason: "no-last-agent" },
  freeWithinWait: false,
  freeBehindClaims: false,
  afterDecision: undefined,
  agentQueuesEntered: [],
  personalQueueMs: 0,
  waitedInVain: false,
  hungUpInPersonalQueue: false,
  outcome: "agent",
  agentId: `agent-${index}`,
  timeToAgentMs: 2000,
  throttled: false,
  lostToDirectory: false,
  endCause: undefined,
  firstOffer: undefined,
});

const fn = (
  trigger: FunctionTotals["trigger"],
  totals: Partial<FunctionTotals>,
): FunctionTotals => ({
  trigger,
  invocations: 0,
  connectCalls: 0,
  connectThrottles: 0,
  dynamoDbRequests: 0,
  readUnits: 0,
  writeUnits: 0,
  byTarget: {},
  wallMs: [],
  ...totals,
});

/** 2,000 contacts over 10 s, the route reading 1 unit and writing 2 for each. */
function runWith(stream: StreamCounts): CellRun {
  return {
    system: "event-stream",
    spec,
    load: plannedLoad(spec),
    windowMs: spec.durationMs,
    contacts: Array.from({ length: 2000 }, (_, index) => answered(index)),
    functions: {
      route: fn("flow", { invocations: 2000, readUnits: 2000, writeUnits: 4000 }),
      "agent-events": fn("agent-events", { invocations: 10, writeUnits: 6000 }),
    },
    stream,
    drain: { backgroundStoppedMs: 0, endMs: 0 },
    wallMs: 1000,
  };
}

const outside = { decisionMs: [0.1, 0.2], bundleBytes: 1, coldStartImportMs: 1 };

describe("cell figures: units and dollars per contact", () => {
  it("adds the consumer's writes to the contacts' and prices them at the run's prices", () => {
    // Act
    const result = cellFigures(
      runWith({ records: 5000, heartbeats: 1000, putPayloadUnits: 5000, bytes: 5000 * 900 }),
      benchSettings,
      outside,
    );
    // Assess
    expect(result.dynamoDb.readUnitsPerContact).toBe(1);
    expect(result.dynamoDb.writeUnitsPerContact).toBe(5);
    expect(result.dynamoDb.consumerWriteUnitsPerContact).toBe(3);
    expect(result.dynamoDb.heartbeatsPerContact).toBe(0.5);
    // DynamoDB: 1 read unit at $0.125 and 5 write units at $0.625 per million: $0.00325 per 1,000.
    expect(result.costPerThousandContacts.dynamoDb).toBeCloseTo(0.00325, 3);
  });

  it("prices the shards the stream needs: one while it fits, more when a floor outgrows it", () => {
    // Act: 500 records/s of 900 B fit one shard; 2,500/s of 900 B (2.1 MB/s) need three.
    const fits = cellFigures(
      runWith({ records: 5000, heartbeats: 0, putPayloadUnits: 5000, bytes: 5000 * 900 }),
      benchSettings,
      outside,
    );
    const outgrows = cellFigures(
      runWith({ records: 25_000, heartbeats: 0, putPayloadUnits: 25_000, bytes: 25_000 * 900 }),
      benchSettings,
      outside,
    );
    // Assess
    expect(fits.kinesisShards).toBe(1);
    expect(outgrows.kinesisShards).toBe(3);
    expect(outgrows.kinesisShardHoursPerContact).toBeCloseTo((3 * 10) / 3600 / 2000, 6);
  });
});

describe("cell figures: the bounded wait", () => {
  const returning = (index: number, record: Partial<ContactRecord>): ContactRecord => {
    const base = answered(index);
    return { ...base, call: { ...base.call, kind: "returning" }, ...record };
  };

  it("counts returning callers who waited in vain with their personal-queue waits, and who hung up there", () => {
    // Arrange: three moved on after 31, 32 and 33 s; one hung up after 120 s; one was answered
    // from the personal queue after 5 s (not in vain); a new caller never waited there.
    const contacts = [
      returning(0, { personalQueueMs: 31_000, waitedInVain: true, outcome: "agent" }),
      returning(1, { personalQueueMs: 32_000, waitedInVain: true, outcome: "fallback-queue" }),
      returning(2, { personalQueueMs: 33_000, waitedInVain: true, outcome: "agent" }),
      returning(3, {
        personalQueueMs: 120_000,
        waitedInVain: true,
        hungUpInPersonalQueue: true,
        outcome: "abandoned",
        agentId: undefined,
        timeToAgentMs: undefined,
      }),
      returning(4, { personalQueueMs: 5000 }),
      answered(5),
    ];
    // Act
    const { wait } = cellFigures(
      { ...runWith({ records: 0, heartbeats: 0, putPayloadUnits: 0, bytes: 0 }), contacts },
      { ...benchSettings, preferredWaitSeconds: 30 },
      outside,
    );
    // Assess
    expect(wait.waitedInVain).toEqual({
      count: 4,
      p50Seconds: 32,
      p99Seconds: 120,
      maxSeconds: 120,
    });
    expect(wait.hungUpWaiting).toBe(1);
    expect(wait.longestPersonalQueueSeconds).toBe(120);
  });

  it("judges the last agent at the decision or within the wait, and times new callers apart", () => {
    // Arrange: sato free at the decision and reached; suzuki busy but free within the wait and
    // reached; kato busy, free within the wait, missed; a new caller answered after 4 s.
    const contacts = [
      returning(0, { verdict: { judged: true, lastAgentId: "sato" }, agentId: "sato" }),
      returning(1, {
        verdict: { judged: false, reason: "busy", lastAgentId: "suzuki" },
        freeWithinWait: true,
        agentId: "suzuki",
        timeToAgentMs: 20_000,
      }),
      returning(2, {
        verdict: { judged: false, reason: "busy", lastAgentId: "kato" },
        freeWithinWait: true,
        agentId: "ito",
      }),
      { ...answered(3), timeToAgentMs: 4000 },
    ];
    // Act
    const result = cellFigures(
      { ...runWith({ records: 0, heartbeats: 0, putPayloadUnits: 0, bytes: 0 }), contacts },
      { ...benchSettings, preferredWaitSeconds: 30 },
      outside,
    );
    // Assess
    expect(result.preferredWaitSeconds).toBe(30);
    expect(result.lastAgent).toMatchObject({ n: 1, successes: 1 });
    expect(result.wait.lastAgentWithinWait).toMatchObject({ n: 3, successes: 2, percent: 66.7 });
    expect(result.wait.lastAgentWithinWait.low).not.toBeNull();
    expect(result.wait.newCallerTimeToAgentP50Seconds).toBe(4);
  });
});
