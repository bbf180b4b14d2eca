import { readFileSync } from "node:fs";
import type { KinesisStreamEvent, KinesisStreamRecord } from "aws-lambda";

/**
 * The agent event stream fixture (`test/events/kinesis-agent-events.json`): a Kinesis batch as
 * Lambda delivers it, five records of one shard whose data is base64 of Connect agent events
 * (all of the fixtures' instance, the harness's agents):
 *
 * 0. sato, STATE_CHANGE 09:00:00.512: a call ended, Available (ROUTABLE), VOICE 1 and CHAT 2 free
 * 1. suzuki, STATE_CHANGE 09:00:03.871: connected to a caller, Available, VOICE 0 free, CHAT 2
 * 2. takahashi, LOGOUT 09:00:07.250 (no current snapshot)
 * 3. sato, HEART_BEAT 09:02:00.512: unchanged
 * 4. suzuki, HEART_BEAT 09:02:03.871: still on the call
 */
export function agentEventBatch(): KinesisStreamEvent {
  return JSON.parse(
    readFileSync(new URL("../events/kinesis-agent-events.json", import.meta.url), "utf8"),
  ) as KinesisStreamEvent;
}

/** One agent event as its JSON (what Connect puts on the stream); the tests change a few keys. */
export type AgentEventJson = Record<string, unknown> & {
  EventType: string;
  EventTimestamp: string;
  AgentARN: string;
  CurrentAgentSnapshot: Record<string, unknown> | null;
};

/** The agent event a record carries. */
export function agentEventOf(record: KinesisStreamRecord): AgentEventJson {
  return JSON.parse(Buffer.from(record.kinesis.data, "base64").toString("utf8")) as AgentEventJson;
}

/** A copy of the record carrying `data` (any text, base64-encoded as Kinesis does). */
export function withData(record: KinesisStreamRecord, data: string): KinesisStreamRecord {
  return {
    ...record,
    kinesis: { ...record.kinesis, data: Buffer.from(data, "utf8").toString("base64") },
  };
}

/** A copy of the record carrying the agent event `change` makes of its own. */
export function withAgentEvent(
  record: KinesisStreamRecord,
  change: (event: AgentEventJson) => AgentEventJson,
): KinesisStreamRecord {
  return withData(record, JSON.stringify(change(agentEventOf(record))));
}

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * The batch moved in time so that its last event happened at `lastEventAt` (epoch ms): every
 * timestamp in every event shifts by the same amount, so the order and gaps stay as recorded.
 * The presence reader trusts only recent events, so a test that routes needs a fresh batch.
 */
export function retimed(batch: KinesisStreamEvent, lastEventAt: number): KinesisStreamEvent {
  const times = batch.Records.map((record) => Date.parse(agentEventOf(record).EventTimestamp));
  const shift = lastEventAt - Math.max(...times);
  const move = (value: unknown): unknown => {
    if (typeof value === "string" && isoTimestamp.test(value)) {
      return new Date(Date.parse(value) + shift).toISOString();
    }
    if (Array.isArray(value)) return value.map(move);
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, move(inner)]));
    }
    return value;
  };
  return {
    Records: batch.Records.map((record) =>
      withAgentEvent(record, (event) => move(event) as AgentEventJson),
    ),
  };
}
