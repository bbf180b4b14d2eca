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
