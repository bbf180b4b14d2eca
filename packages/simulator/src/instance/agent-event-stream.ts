import type { AgentFloor } from "../agents/agent-floor.js";
import type { AgentStreamEvent } from "../agents/agent-stream-event.js";
import { BinaryHeap } from "../collections/binary-heap.js";
import type { LambdaFunction } from "../interpreter/lambda-function.js";

/** How the stream reaches its consumer. */
export interface AgentEventStreamOptions {
  readonly floor: AgentFloor;
  readonly consumer: LambdaFunction;
  readonly startMs: number;
  /** Simulated ms between two reads of the shard (default 1,000: Lambda polls about once a second). */
  readonly pollMs?: number;
  /**
   * Records per invocation at most (the event source mapping's `BatchSize`); a poll that finds
   * more invokes the consumer again, one batch after the other, as Lambda does for one shard.
   * Default: no bound (every record a poll finds in one batch).
   */
  readonly batchSize?: number;
  /**
   * Simulated ms from an agent's event to its record being readable in the stream (Connect's
   * publishing and Kinesis's put-to-get delay together), drawn per event. Records of one agent
   * stay in order: a record never becomes readable before the agent's previous one. Default:
   * none (readable at once).
   */
  readonly deliveryDelayMs?: () => number;
}

/** What the stream has carried since it opened or since {@link AgentEventStream.resetStats}. */
export interface AgentEventStreamStats {
  /** Records Connect put into the stream (every event, heartbeats included). */
  readonly records: number;
  /** Of which heartbeats. */
  readonly heartbeats: number;
  /** PUT payload units of those records: one per started 25 KB of a record. */
  readonly putPayloadUnits: number;
  /** Consumer invocations, and those that failed (Lambda retries the batch). */
  readonly batches: number;
  readonly failedBatches: number;
}

/** A record as Connect put it: the event and its JSON (serialized once). */
interface StreamRecord {
  readonly event: AgentStreamEvent;
  readonly json: string;
}

interface InFlight {
  readonly record: StreamRecord;
  readonly readableAt: number;
  readonly seq: number;
}

/** Kinesis bills a PUT in 25 KB chunks of the record. */
const putPayloadUnitBytes = 25 * 1024;

/**
 * The agent event stream between the floor and the agent-events consumer: the floor's events
 * (logins, state changes, heartbeats) become stream records, readable after the delivery delay;
 * every `pollMs` of simulated time the readable records since the last read go to the real
 * agent-events bundle as Kinesis batches of at most `batchSize` records. {@link deliverDue} runs
 * before every simulation event, so a handler reading the presence table sees every batch due
 * by then and a run repeats. A failed batch (the function threw or reported item failures) is
 * read again at the next poll, before newer records: the shard does not move past it.
 */
export class AgentEventStream {
  readonly #consumer: LambdaFunction;
  readonly #pollMs: number;
  readonly #batchSize: number;
  readonly #delay: (() => number) | undefined;
  readonly #unsubscribe: () => void;
  /** Readable records not yet delivered, in stream order. */
  #readable: StreamRecord[] = [];
  /** Records still on their way (only with a delivery delay). */
  readonly #inFlight = new BinaryHeap<InFlight>(
    (x, y) => x.readableAt < y.readableAt || (x.readableAt === y.readableAt && x.seq < y.seq),
  );
  /** When each agent's latest record becomes readable, to keep an agent's records in order. */
  readonly #lastReadableAt = new Map<string, number>();
  #inFlightSeq = 0;
  #nextPollAt: number;
  #sequence = 0;
  #stats = { records: 0, heartbeats: 0, putPayloadUnits: 0, batches: 0, failedBatches: 0 };

  constructor(options: AgentEventStreamOptions) {
    this.#consumer = options.consumer;
    this.#pollMs = options.pollMs ?? 1000;
    this.#batchSize = options.batchSize ?? Number.POSITIVE_INFINITY;
    if (!(this.#batchSize >= 1))
      throw new RangeError(`batchSize must be ≥ 1, got ${options.batchSize}`);
    this.#delay = options.deliveryDelayMs;
    this.#nextPollAt = options.startMs;
    // A consumer that starts with the simulation knows every logged-in agent at once.
    for (const event of options.floor.heartbeats()) this.#put(event, false);
    this.#unsubscribe = options.floor.onEvent((event) => this.#put(event, true));
  }

  /** What the stream carried since it opened or since the last {@link resetStats}. */
  stats(): AgentEventStreamStats {
    return { ...this.#stats };
  }

  /** Starts counting afresh (the run's counters are reset after preparation). */
  resetStats(): void {
    this.#stats = { records: 0, heartbeats: 0, putPayloadUnits: 0, batches: 0, failedBatches: 0 };
  }

  /** Delivers the readable records, in batches, when a poll is due at `now`. */
  async deliverDue(now: number): Promise<void> {
    if (now < this.#nextPollAt) return;
    this.#nextPollAt = now - ((now - this.#nextPollAt) % this.#pollMs) + this.#pollMs;
    for (let top = this.#inFlight.peek(); top !== undefined && top.readableAt <= now; ) {
      this.#inFlight.pop();
      this.#readable.push(top.record);
      top = this.#inFlight.peek();
    }
    while (this.#readable.length > 0) {
      const batch = this.#readable.slice(0, this.#batchSize);
      this.#readable = this.#readable.slice(batch.length);
      if (!(await this.#invoke(batch))) {
        this.#stats.failedBatches += 1;
        this.#readable = [...batch, ...this.#readable];
        return;
      }
    }
  }

  stop(): void {
    this.#unsubscribe();
  }

  #put(event: AgentStreamEvent, delayed: boolean): void {
    const record = { event, json: JSON.stringify(event) };
    this.#stats.records += 1;
    if (event.EventType === "HEART_BEAT") this.#stats.heartbeats += 1;
    this.#stats.putPayloadUnits += Math.max(
      1,
      Math.ceil(Buffer.byteLength(record.json) / putPayloadUnitBytes),
    );
    if (!delayed || this.#delay === undefined) {
      this.#readable.push(record);
      return;
    }
    const drawn = Date.parse(event.EventTimestamp) + Math.max(0, this.#delay());
    const readableAt = Math.max(drawn, this.#lastReadableAt.get(event.AgentARN) ?? drawn);
    this.#lastReadableAt.set(event.AgentARN, readableAt);
    this.#inFlight.push({ record, readableAt, seq: this.#inFlightSeq++ });
  }

  /** One consumer invocation; false when it failed. */
  async #invoke(batch: readonly StreamRecord[]): Promise<boolean> {
    this.#stats.batches += 1;
    try {
      const answer = (await this.#consumer(this.#kinesisEvent(batch))) as {
        readonly batchItemFailures?: readonly unknown[];
      } | null;
      return (answer?.batchItemFailures?.length ?? 0) === 0;
    } catch {
      return false;
    }
  }

  #kinesisEvent(batch: readonly StreamRecord[]): unknown {
    return {
      Records: batch.map(({ event, json }) => {
        this.#sequence += 1;
        return {
          eventSource: "aws:kinesis",
          eventName: "aws:kinesis:record",
          eventVersion: "1.0",
          eventID: `shardId-000000000000:${this.#sequence}`,
          awsRegion: event.InstanceARN.split(":")[3],
          kinesis: {
            kinesisSchemaVersion: "1.0",
            partitionKey: event.AgentARN,
            sequenceNumber: String(this.#sequence).padStart(20, "0"),
            data: Buffer.from(json).toString("base64"),
            approximateArrivalTimestamp: Date.parse(event.EventTimestamp) / 1000,
          },
        };
      }),
    };
  }
}
